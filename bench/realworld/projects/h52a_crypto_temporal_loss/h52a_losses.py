# source: https://github.com/AIStream-Peelout/flow-forecast/issues/228
# error: RuntimeError: Expected all tensors to be on the same device, but found at least two devices, cuda:0 and cpu!
# pattern: cache-builder-cpu-default
# shape: multi-file, class, helper
# bug-lines: 43, 55
# needs: torch
# cpu: no written where torch was not installed; not run
"""Shape + temporal-distortion loss for multi-step crypto price forecasts."""
import torch
import torch.nn as nn


def pairwise_sq_dist(x, y=None):
    y = x if y is None else y
    x_norm = (x ** 2).sum(1).view(-1, 1)
    y_norm = (y ** 2).sum(1).view(1, -1)
    return torch.clamp(x_norm + y_norm - 2.0 * x @ y.t(), min=0.0)


def build_time_penalty(horizon, device=torch.device("cpu"), dtype=torch.float32):
    """Omega[i, j] = (i - j)^2, penalises alignments far from the diagonal."""
    steps = torch.arange(1, horizon + 1, device=device, dtype=dtype).view(-1, 1)
    return pairwise_sq_dist(steps) / (horizon * horizon)


class TemporalShapeLoss(nn.Module):
    def __init__(self, alpha=0.5, gamma=0.01):
        super().__init__()
        self.alpha = alpha
        self.gamma = gamma
        self._omega_cache = {}

    def soft_alignment(self, pred, target):
        # pred, target: (B, H)
        dist = torch.stack([
            pairwise_sq_dist(t.view(-1, 1), p.view(-1, 1))
            for p, t in zip(pred, target)
        ])
        return dist, torch.softmax(-dist / self.gamma, dim=-1)

    def omega(self, horizon):
        if horizon not in self._omega_cache:
            self._omega_cache[horizon] = build_time_penalty(horizon)
        return self._omega_cache[horizon]

    def forward(self, pred, target):
        pred = pred.float()
        target = target.float()
        if pred.dim() == 1:
            pred, target = pred.unsqueeze(0), target.unsqueeze(0)
        horizon = pred.size(1)
        dist, path = self.soft_alignment(pred, target)
        # soft-min over the alignment as the shape term
        shape_term = -self.gamma * torch.logsumexp(-dist / self.gamma, dim=-1).mean()
        temporal_term = (path * self.omega(horizon)).sum(dim=(1, 2)).mean()
        return self.alpha * shape_term + (1.0 - self.alpha) * temporal_term

# source: https://github.com/mllam/neural-lam/pull/241
# error: RuntimeError: Expected all tensors to be on the same device, but found at least two devices, cuda:0 and cpu!
# pattern: tensor-attribute-not-buffer
# shape: multi-file, class, loader-loop, batch-dict
# looks-like: tensor-attribute-not-buffer
# needs: torch
# cpu: no written where torch was not installed; not run
import torch
import torch.nn as nn


class ARForecaster(nn.Module):
    """One-step autoregressive forecaster over a flattened grid of weather variables."""

    def __init__(self, n_vars, feature_weights, state_std, hidden=128):
        super().__init__()
        self.n_vars = n_vars
        self.step = nn.Sequential(
            nn.Linear(2 * n_vars, hidden), nn.SiLU(),
            nn.Linear(hidden, hidden), nn.SiLU(),
            nn.Linear(hidden, n_vars),
        )
        self.register_buffer("feature_weights", torch.as_tensor(feature_weights, dtype=torch.float32),
                             persistent=False)
        self.register_buffer("state_std", torch.as_tensor(state_std, dtype=torch.float32))

    def forward(self, prev_prev, prev):
        delta = self.step(torch.cat([prev_prev, prev], dim=-1))
        return prev + delta * self.state_std

    def weighted_mse(self, pred, target):
        per_var = ((pred - target) / self.state_std) ** 2
        return (per_var * self.feature_weights).sum(-1).mean()

    def rollout_loss(self, init_states, targets):
        prev_prev, prev = init_states[:, 0], init_states[:, 1]
        losses = []
        for t in range(targets.shape[1]):
            pred = self(prev_prev, prev)
            losses.append(self.weighted_mse(pred, targets[:, t]))
            prev_prev, prev = prev, pred
        return torch.stack(losses).mean()

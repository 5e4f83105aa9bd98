# source: https://github.com/Lightning-AI/pytorch-lightning/issues/4713
# error: RuntimeError: Expected all tensors to be on the same device, but found at least two devices, cuda:0 and cpu!
# pattern: module-in-plain-container
# shape: multi-file, class
# bug-lines: 31, 41
# needs: torch
# cpu: no written where torch was not installed; not run
"""Deep ensemble of small CNN classifiers with uncertainty metrics."""
import torch
import torch.nn as nn

from metrics import BrierScore, ExpectedCalibrationError, NegativeLogLikelihood


def make_member(num_classes=10):
    return nn.Sequential(
        nn.Conv2d(3, 32, 3, padding=1), nn.ReLU(), nn.MaxPool2d(2),
        nn.Conv2d(32, 64, 3, padding=1), nn.ReLU(), nn.MaxPool2d(2),
        nn.Flatten(), nn.Linear(64 * 8 * 8, 128), nn.ReLU(), nn.Dropout(0.2),
        nn.Linear(128, num_classes))


class DeepEnsemble(nn.Module):
    def __init__(self, n_members=5, num_classes=10):
        super().__init__()
        self.members = nn.ModuleList(make_member(num_classes) for _ in range(n_members))
        self.reset_metrics()

    def reset_metrics(self):
        # one entry per metric so the eval loop can iterate and log by name
        self.metrics = {"ece": ExpectedCalibrationError(), "nll": NegativeLogLikelihood(), "brier": BrierScore()}

    def forward(self, x):
        probs = torch.stack([m(x).softmax(dim=-1) for m in self.members])
        return probs.mean(0), probs.var(0).sum(-1)

    @torch.no_grad()
    def evaluate_batch(self, x, y):
        mean_probs, epistemic = self(x)
        for metric in self.metrics.values():
            metric.update(mean_probs, y)
        return epistemic

    def compute_metrics(self):
        return {name: m.compute().item() for name, m in self.metrics.items()}

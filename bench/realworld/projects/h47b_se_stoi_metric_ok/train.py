# source: https://github.com/speechbrain/speechbrain/issues/910
# error: RuntimeError: Input type (torch.cuda.FloatTensor) and weight type (torch.FloatTensor) should be the same
# pattern: module-not-placed
# shape: multi-file, class, loader-loop
# looks-like: module-not-placed
# needs: torch
# cpu: no written where torch was not installed; not run
"""Spectral-mask speech enhancement training with a STOI-style validation metric."""
import torch
import torch.nn as nn
from torch.utils.data import DataLoader, TensorDataset

from metrics import MetricStats, stoi_score


class SEBrain:
    def __init__(self, device):
        self.device = device
        self.model = nn.Sequential(nn.Linear(257, 512), nn.ReLU(), nn.Linear(512, 257), nn.Sigmoid()).to(device)
        self.optimizer = torch.optim.Adam(self.model.parameters(), lr=1e-4)
        self.window = torch.hann_window(512, device=device)

    def enhance(self, noisy):
        spec = torch.stft(noisy, 512, 256, window=self.window, return_complex=True)
        mask = self.model(spec.abs().transpose(1, 2)).transpose(1, 2)
        return torch.istft(spec * mask, 512, 256, window=self.window, length=noisy.shape[-1])

    def fit_epoch(self, loader):
        for noisy, clean in loader:
            noisy, clean = noisy.to(self.device), clean.to(self.device)
            loss = nn.functional.mse_loss(self.enhance(noisy), clean)
            self.optimizer.zero_grad()
            loss.backward()
            self.optimizer.step()

    @torch.no_grad()
    def evaluate(self, loader):
        stoi_metric = MetricStats(metric=stoi_score)
        for noisy, clean in loader:
            noisy, clean = noisy.to(self.device), clean.to(self.device)
            stoi_metric.append(self.enhance(noisy), clean)
        return stoi_metric.summarize()


if __name__ == "__main__":
    data = TensorDataset(torch.randn(16, 32000), torch.randn(16, 32000))
    brain = SEBrain(torch.device("cuda" if torch.cuda.is_available() else "cpu"))
    brain.fit_epoch(DataLoader(data, batch_size=4, shuffle=True))
    print("valid stoi", brain.evaluate(DataLoader(data, batch_size=4)))

# source: https://github.com/speechbrain/speechbrain/pull/1841
# error: RuntimeError: Expected all tensors to be on the same device, but found at least two devices, cuda:0 and cpu!
# pattern: tensor-attribute-not-buffer
# shape: multi-file, class
# bug-lines: 18, 19, 32
# needs: torch
# cpu: no written where torch was not installed; not run
"""Per-lead global mean/std normalisation for 12-lead ECG, updated as a running average during training."""
import torch
import torch.nn as nn


class LeadNormalizer(nn.Module):
    def __init__(self, n_leads=12, update_until_epoch=3):
        super().__init__()
        self.update_until_epoch = update_until_epoch
        self.count = 0
        self.glob_mean = torch.zeros(n_leads)
        self.glob_std = torch.ones(n_leads)

    def forward(self, x, epoch=None):  # x: (B, leads, samples)
        if self.training and (epoch is None or epoch < self.update_until_epoch):
            cur_mean = x.mean(dim=(0, 2)).detach()
            cur_std = x.std(dim=(0, 2)).detach().clamp_min(1e-5)
            if self.count == 0:
                self.glob_mean, self.glob_std = cur_mean, cur_std
            else:
                w = 1.0 / (self.count + 1)
                self.glob_mean = (1 - w) * self.glob_mean + w * cur_mean
                self.glob_std = (1 - w) * self.glob_std + w * cur_std
            self.count += 1
        return (x - self.glob_mean[None, :, None]) / self.glob_std[None, :, None]

    def save_stats(self, path):
        torch.save({"mean": self.glob_mean.cpu(), "std": self.glob_std.cpu(), "count": self.count}, path)

    def load_stats(self, path):
        stats = torch.load(path, map_location="cpu")
        self.glob_mean.copy_(stats["mean"])
        self.glob_std.copy_(stats["std"])
        self.count = stats["count"]

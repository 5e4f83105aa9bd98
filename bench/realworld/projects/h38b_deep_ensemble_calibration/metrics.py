# source: https://github.com/Lightning-AI/pytorch-lightning/issues/4713
# error: RuntimeError: Expected all tensors to be on the same device, but found at least two devices, cuda:0 and cpu!
# pattern: module-in-plain-container
# shape: multi-file, class
# needs: torch
# cpu: no written where torch was not installed; not run
"""Streaming calibration metrics; state lives in registered buffers so .to() moves it."""
import torch
import torch.nn as nn


class ExpectedCalibrationError(nn.Module):
    def __init__(self, n_bins=15):
        super().__init__()
        self.n_bins = n_bins
        self.register_buffer("bin_conf", torch.zeros(n_bins))
        self.register_buffer("bin_acc", torch.zeros(n_bins))
        self.register_buffer("bin_count", torch.zeros(n_bins))

    def update(self, probs, target):
        conf, pred = probs.max(dim=-1)
        idx = (conf * self.n_bins).long().clamp(max=self.n_bins - 1)
        self.bin_conf.index_add_(0, idx, conf)
        self.bin_acc.index_add_(0, idx, (pred == target).float())
        self.bin_count.index_add_(0, idx, torch.ones_like(conf))

    def compute(self):
        n = self.bin_count.clamp(min=1)
        gap = (self.bin_conf / n - self.bin_acc / n).abs()
        return (gap * self.bin_count).sum() / self.bin_count.sum().clamp(min=1)


class NegativeLogLikelihood(nn.Module):
    def __init__(self):
        super().__init__()
        self.register_buffer("total", torch.zeros(()))
        self.register_buffer("count", torch.zeros(()))

    def update(self, probs, target):
        self.total += -torch.log(probs.gather(1, target[:, None]).clamp(min=1e-12)).sum()
        self.count += target.numel()

    def compute(self):
        return self.total / self.count.clamp(min=1)


class BrierScore(NegativeLogLikelihood):
    def update(self, probs, target):
        onehot = torch.nn.functional.one_hot(target, probs.size(-1)).to(probs.dtype)
        self.total += ((probs - onehot) ** 2).sum()
        self.count += target.numel()

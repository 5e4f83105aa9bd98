# source: https://github.com/neuraloperator/neuraloperator/pull/449
# error: RuntimeError: Expected all tensors to be on the same device, but found at least two devices, cuda:0 and cpu!
# pattern: discarded-tensor-move
# shape: multi-file, class, batch-dict
# looks-like: discarded-tensor-move
# needs: torch
# cpu: no written where torch was not installed; not run
"""Normalisation + device handling for Darcy-flow samples, as an nn.Module so .to() moves it."""
import torch
import torch.nn as nn


class UnitGaussianNormalizer(nn.Module):
    def __init__(self, mean, std, eps=1e-6):
        super().__init__()
        self.register_buffer("mean", mean)
        self.register_buffer("std", std)
        self.eps = eps

    @classmethod
    def fit(cls, data):
        return cls(data.mean(dim=0, keepdim=True), data.std(dim=0, keepdim=True))

    def encode(self, x):
        return (x - self.mean) / (self.std + self.eps)

    def decode(self, x):
        return x * (self.std + self.eps) + self.mean


class DarcyDataProcessor(nn.Module):
    def __init__(self, in_normalizer, out_normalizer):
        super().__init__()
        self.in_normalizer = in_normalizer
        self.out_normalizer = out_normalizer
        self.register_buffer("_anchor", torch.empty(0), persistent=False)

    @property
    def device(self):
        return self._anchor.device

    def preprocess(self, sample):
        x = sample["x"].to(self.device, non_blocking=True)
        y = sample["y"].to(self.device, non_blocking=True)
        x = self.in_normalizer.encode(x)
        if self.training:
            y = self.out_normalizer.encode(y)
        return {"x": x, "y": y}

    def postprocess(self, out, sample):
        if not self.training:
            out = self.out_normalizer.decode(out)
        return out, sample

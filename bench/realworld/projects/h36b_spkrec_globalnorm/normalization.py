# source: https://github.com/speechbrain/speechbrain/issues/1434
# error: RuntimeError: Expected all tensors to be on the same device, but found at least two devices, cuda:0 and cpu!
# pattern: tensor-attribute-not-buffer
# shape: multi-file, class
# bug-lines: 18, 19, 28
# needs: torch
# cpu: no written where torch was not installed; not run
import torch
import torch.nn as nn


class GlobalMeanVarNorm(nn.Module):
    """Normalises filterbank features with corpus-level statistics computed offline."""

    def __init__(self, mean, std, eps=1e-10):
        super().__init__()
        self.eps = eps
        self.glob_mean = mean.clone().float()
        self.glob_std = std.clone().float()

    @classmethod
    def from_stats_file(cls, path):
        stats = torch.load(path, map_location="cpu")
        return cls(stats["glob_mean"], stats["glob_std"])

    def forward(self, feats, lengths=None):
        # feats: [batch, time, n_mels]
        out = (feats - self.glob_mean) / (self.glob_std + self.eps)
        if lengths is not None:
            mask = torch.arange(feats.size(1), device=feats.device)[None, :] < lengths[:, None]
            out = out * mask.unsqueeze(-1)
        return out

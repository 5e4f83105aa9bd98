# source: https://github.com/bernardo-torres/spectral-optimal-transport/issues/3
# error: RuntimeError: stft input and window must be on the same device but got self on cuda:0 and window on cpu
# pattern: tensor-attribute-not-buffer
# shape: class, multi-file
# needs: torch, scipy
# cpu: no written where torch was not installed; not run
"""1-D Wasserstein distance between normalized spectra, frame by frame."""
import torch
import torch.nn as nn

from features import STFT


def quantile_wasserstein(p, q, positions, eps=1e-8):
    p = p / (p.sum(-1, keepdim=True) + eps)
    q = q / (q.sum(-1, keepdim=True) + eps)
    cdf_p, cdf_q = torch.cumsum(p, -1), torch.cumsum(q, -1)
    return (torch.abs(cdf_p - cdf_q) * positions.diff().mean()).sum(-1)


class SOTLoss(nn.Module):
    def __init__(self, fft_size=2048, hop_length=512, device="cpu"):
        super().__init__()
        self.transform_module = STFT(fft_size=fft_size, hop_length=hop_length, device=device)
        self.to(device)

    def forward(self, x, y):
        if x.ndim == 3:                      # stereo -> fold channels into batch
            x, y = x.flatten(0, 1), y.flatten(0, 1)
        X, Y = self.transform_module(x), self.transform_module(y)
        positions = self.transform_module.get_bin_positions().to(X.device)
        return quantile_wasserstein(X.transpose(1, 2), Y.transpose(1, 2), positions).mean()


class MultiResolutionSOTLoss(nn.Module):
    def __init__(self, fft_sizes=(512, 1024, 2048), device="cpu"):
        super().__init__()
        self.losses = nn.ModuleList([SOTLoss(n, n // 4, device=device) for n in fft_sizes])

    def forward(self, x, y):
        return sum(loss(x, y) for loss in self.losses) / len(self.losses)

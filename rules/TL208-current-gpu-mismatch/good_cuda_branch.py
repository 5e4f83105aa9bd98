# `if x.is_cuda: y = y.cuda()` puts `y` on the current GPU, not on `x`'s: that is
# TL209's finding (with its fix, `.to(x.device)`), not this rule's too.
import argparse

import numpy as np
import torch
import torch.nn.functional as F
from torch import nn


class OverlapAdd(nn.Module):
    def __init__(self, n_fft=16, hop=4):
        super().__init__()
        self.hop = hop
        self.register_buffer("basis", torch.rand(n_fft, 1, n_fft))

    def forward(self, magnitude, window_sums):
        out = F.conv_transpose1d(magnitude * 2.0, self.basis, stride=self.hop)
        nonzero = torch.from_numpy(np.where(window_sums > 1e-11)[0])
        norm = torch.from_numpy(window_sums)
        if magnitude.is_cuda:
            norm = norm.cuda()
            nonzero = nonzero.to(magnitude.device)
        out[:, :, nonzero] /= norm[nonzero]
        return out


if __name__ == "__main__":
    parser = argparse.ArgumentParser()
    parser.add_argument("--device", default="cuda:1")
    args = parser.parse_args()
    device = torch.device(args.device)
    ola = OverlapAdd().to(device)
    mag = torch.rand(1, 16, 50, device=device)
    print(ola(mag, np.ones(208, dtype=np.float32)).shape)

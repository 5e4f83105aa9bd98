# source: https://github.com/kymatio/murenn/issues/42
# error: RuntimeError: Input type (torch.cuda.FloatTensor) and weight type (torch.FloatTensor) should be the same
# pattern: module-in-plain-container
# shape: multi-file, class
# bug-lines: 36, 39, 45
# needs: torch
# cpu: no written where torch was not installed; not run

"""Multi-resolution learnable front-end: octave decomposition + one Conv1d per octave."""
import torch
import torch.nn as nn
import torch.nn.functional as F


class OctaveDecomposition(nn.Module):
    """Cheap stand-in for a dual-tree wavelet transform: band-pass by pool/upsample differences."""

    def __init__(self, J):
        super().__init__()
        self.J = J

    def forward(self, x):
        bands = []
        for _ in range(self.J):
            low = F.avg_pool1d(x, kernel_size=2, stride=2)
            high = x - F.interpolate(low, size=x.shape[-1], mode="linear", align_corners=False)
            bands.append(high)
            x = low
        return bands


class MuReNNDirect(nn.Module):
    def __init__(self, J, Q, T, in_channels=1):
        super().__init__()
        self.decomposition = OctaveDecomposition(J)
        self.conv1d = []
        for j in range(J):
            conv = nn.Conv1d(in_channels, Q, kernel_size=T, padding=T // 2, bias=False)
            self.conv1d.append(conv)

    def forward(self, x):
        bands = self.decomposition(x)
        outputs = []
        for j, band in enumerate(bands):
            y = self.conv1d[j](band)
            outputs.append(y.abs().mean(dim=-1))
        return torch.cat(outputs, dim=1)

# source: https://github.com/torchgeo/torchgeo/issues/763
# error: RuntimeError: Expected all tensors to be on the same device, but found at least two devices, cuda:0 and cpu!
# pattern: tensor-attribute-not-buffer
# shape: multi-file, class
# bug-lines: 22, 23, 27, 29
# needs: torch
# cpu: no written where torch was not installed; not run
"""GPU-side augmentation blocks for Sentinel-2 crop-type patches."""
import torch
import torch.nn as nn

# per-band 2nd/98th percentiles over the training tiles (B01..B12, B8A)
S2_MIN = [1013.0, 676.0, 448.0, 247.0, 269.0, 253.0, 243.0, 189.0, 61.0, 4.0, 33.0, 11.0, 186.0]
S2_MAX = [2309.0, 4543.0, 4720.0, 5293.0, 3902.0, 4473.0, 5447.0, 5948.0, 1829.0, 23.0, 4894.0, 4076.0, 5846.0]


class MinMaxNormalize(nn.Module):
    """Scale every band to [0, 1] using fixed per-band limits."""

    def __init__(self, mins, maxs):
        super().__init__()
        self.mins = torch.tensor(mins)[:, None, None]
        self.denominator = torch.tensor(maxs)[:, None, None] - self.mins

    def forward(self, x):
        if x.ndim == 4:  # batch
            x = (x - self.mins[None]) / self.denominator[None]
        else:
            x = (x - self.mins) / self.denominator
        return x.clamp(0.0, 1.0)


class AppendNDVI(nn.Module):
    """Append NDVI computed from B08 (NIR) and B04 (red) as an extra channel."""

    def __init__(self, red=3, nir=7):
        super().__init__()
        self.red, self.nir = red, nir

    def forward(self, x):
        red, nir = x[:, self.red], x[:, self.nir]
        ndvi = (nir - red) / (nir + red + 1e-6)
        return torch.cat([x, ndvi[:, None]], dim=1)


def build_gpu_transforms():
    return nn.Sequential(MinMaxNormalize(S2_MIN, S2_MAX), AppendNDVI())

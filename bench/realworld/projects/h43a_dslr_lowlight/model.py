# source: https://github.com/SeokjaeLIM/DSLR-release/issues/3
# error: RuntimeError: torch.cuda.FloatTensor is not enabled. (AssertionError: Torch not compiled with CUDA enabled)
# pattern: hard-coded-cuda
# shape: multi-file, class
# needs: torch
# cpu: no written where torch was not installed; not run
"""Multi-scale Retinex enhancement network (one sub-network per pyramid band)."""
import torch
import torch.nn as nn

import vision_ops as vo


def conv_block(cin, cout):
    return nn.Sequential(nn.Conv2d(cin, cout, 3, padding=1), nn.LeakyReLU(0.2, inplace=True),
                         nn.Conv2d(cout, cout, 3, padding=1), nn.LeakyReLU(0.2, inplace=True))


class BandNet(nn.Module):
    def __init__(self, nof=32):
        super().__init__()
        self.body = conv_block(3, nof)
        self.out = nn.Conv2d(nof, 3, 3, padding=1)

    def forward(self, x):
        return x + self.out(self.body(x))


class LMSN(nn.Module):
    """Enhances the coarsest band first, then adds refined detail bands back."""

    def __init__(self, levels=3, nof=32):
        super().__init__()
        self.levels = levels
        self.nets = nn.ModuleList([BandNet(nof) for _ in range(levels)])

    def forward(self, x):
        bands = vo.laplacian_pyramid(x, self.levels)
        out = self.nets[-1](bands[-1])
        scales = [out]
        for i in range(self.levels - 2, -1, -1):
            up = vo.upsample(out, bands[i].shape[-2:])
            out = up + self.nets[i](bands[i])
            scales.append(out)
        out = vo.clip_positive(out)
        return out, scales

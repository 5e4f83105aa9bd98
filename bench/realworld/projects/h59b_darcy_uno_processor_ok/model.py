# source: https://github.com/neuraloperator/neuraloperator/issues/279
# error: RuntimeError: Input type (torch.FloatTensor) and weight type (torch.cuda.FloatTensor) should be the same or input should be a MKLDNN tensor and weight is a dense tensor
# pattern: inputs-not-moved
# shape: multi-file, batch-dict, class
# looks-like: inputs-not-moved
# needs: torch
# cpu: no written where torch was not installed; not run
import torch
import torch.nn as nn


class SpectralConv2d(nn.Module):
    def __init__(self, in_ch, out_ch, modes):
        super().__init__()
        self.modes = modes
        scale = 1.0 / (in_ch * out_ch)
        self.weight = nn.Parameter(scale * torch.randn(in_ch, out_ch, modes, modes, dtype=torch.cfloat))

    def forward(self, x):
        x_ft = torch.fft.rfft2(x)
        out = torch.zeros(x.shape[0], self.weight.shape[1], x.shape[-2], x.shape[-1] // 2 + 1,
                          dtype=torch.cfloat, device=x.device)
        m = self.modes
        out[:, :, :m, :m] = torch.einsum("bixy,ioxy->boxy", x_ft[:, :, :m, :m], self.weight)
        return torch.fft.irfft2(out, s=x.shape[-2:])


class UNO(nn.Module):
    def __init__(self, width=32, modes=12):
        super().__init__()
        self.lift = nn.Conv2d(1, width, 1)
        self.down = SpectralConv2d(width, 2 * width, modes)
        self.mid = SpectralConv2d(2 * width, 2 * width, modes)
        self.up = SpectralConv2d(4 * width, width, modes)
        self.proj = nn.Sequential(nn.Conv2d(width, 128, 1), nn.GELU(), nn.Conv2d(128, 1, 1))

    def forward(self, x, **kwargs):
        h0 = self.lift(x)
        h1 = torch.nn.functional.gelu(self.down(h0))
        h2 = torch.nn.functional.gelu(self.mid(h1))
        h3 = torch.nn.functional.gelu(self.up(torch.cat([h2, h1], dim=1)))
        return self.proj(h3 + h0)

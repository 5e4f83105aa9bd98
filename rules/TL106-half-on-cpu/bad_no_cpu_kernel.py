from dataclasses import dataclass

import torch
import torch.nn as nn


@dataclass
class AudioConfig:
    n_fft: int = 512
    dtype: torch.dtype = torch.float16  # the GPU recipe's dtype


def band_energy(wave, cfg):
    spec = wave.to(cfg.dtype)
    # made on the CPU in float16: the CPU has no float16 FFT, in any run
    return torch.fft.rfft(spec, n=cfg.n_fft).abs().mean(-1)  # expect: TL106:12 lines=14


class Encoder(nn.Module):
    def __init__(self, dim=32, out=16):
        super().__init__()
        self.net = nn.Sequential(nn.Linear(dim, 64), nn.ReLU(), nn.Linear(64, out))

    def forward(self, x):
        return self.net(x)


def nearest(queries, keys):
    # float16 embeddings, on the CPU when there is no GPU: no CPU float16 cdist
    return torch.cdist(queries, keys).argmin(dim=1)  # expect: TL106:12 lines=36


cfg = AudioConfig()
energy = band_energy(torch.randn(2, 16000), cfg)

device = torch.device("cuda" if torch.cuda.is_available() else "cpu")
encoder = Encoder().to(device).half()
with torch.no_grad():
    q = encoder(torch.randn(4, 32, device=device).half())
    k = encoder(torch.randn(16, 32, device=device).half())
print(nearest(q, k))

from dataclasses import dataclass

import torch
import torch.nn as nn


@dataclass
class AudioConfig:
    n_fft: int = 512
    dtype: torch.dtype = torch.float16


def band_energy(wave, cfg):
    spec = wave.to(cfg.dtype)
    # the FFT computed in float32 (no CPU float16 kernel), the result cast back
    return torch.fft.rfft(spec.float(), n=cfg.n_fft).abs().mean(-1).to(cfg.dtype)


def band_energy_full(wave, cfg):
    # the config's dtype changed where the CPU computes: float32 there
    return torch.fft.rfft(wave.to(cfg.dtype), n=cfg.n_fft).abs().mean(-1)


class Encoder(nn.Module):
    def __init__(self, dim=32, out=16):
        super().__init__()
        self.net = nn.Sequential(nn.Linear(dim, 64), nn.ReLU(), nn.Linear(64, out))

    def forward(self, x):
        return self.net(x)


def nearest(queries, keys):
    # distances in float32: cdist has no float16 kernel on the CPU
    return torch.cdist(queries.float(), keys.float()).argmin(dim=1)


def nearest_on_gpu(queries, keys):
    return torch.cdist(queries, keys).argmin(dim=1)


cfg = AudioConfig()
energy = band_energy(torch.randn(2, 16000), cfg)
energy_full = band_energy_full(torch.randn(2, 16000), AudioConfig(dtype=torch.float32))

device = torch.device("cuda" if torch.cuda.is_available() else "cpu")
encoder = Encoder().to(device).half()
with torch.no_grad():
    q = encoder(torch.randn(4, 32, device=device).half())
    k = encoder(torch.randn(16, 32, device=device).half())
print(nearest(q, k))

# float16 only where a GPU computes it: CUDA has float16 cdist
if torch.cuda.is_available():
    gpu_encoder = Encoder().cuda().half()
    with torch.no_grad():
        a = gpu_encoder(torch.randn(4, 32).cuda().half())
        b = gpu_encoder(torch.randn(16, 32).cuda().half())
    print(nearest_on_gpu(a, b))

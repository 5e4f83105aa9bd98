import torch
import torch.nn.functional as F
from torch import nn


def hann_smoother(width):
    t = torch.linspace(-1.0, 1.0, width)
    w = torch.exp(-(t**2) * 4.0)  # a negated square: still the CPU tensor
    return (w / w.sum()).view(1, 1, -1)


class Denoiser(nn.Module):
    def __init__(self, width=9):
        super().__init__()
        self.proj = nn.Conv1d(1, 1, 3, padding=1)
        self.window = hann_smoother(width)  # expect: TL301:9 lines=9,21
        self.pad = width // 2

    def forward(self, signal):
        rough = self.proj(signal)
        return F.conv1d(rough, self.window, padding=self.pad)


def log_power(x, n_fft, window):
    spec = torch.stft(x, n_fft, n_fft // 4, window=window, return_complex=True)
    return spec.abs().pow(2).clamp(min=1e-10).log()


class SpectralDistance(nn.Module):
    # torch's own window factories make a CPU tensor too
    def __init__(self, n_fft=512):
        super().__init__()
        self.n_fft = n_fft
        self.window = torch.hamming_window(n_fft)  # expect: TL301:9 lines=37

    def forward(self, estimate, target):
        diff = log_power(estimate, self.n_fft, self.window) - log_power(target, self.n_fft, self.window)
        return diff.abs().mean()


def tapered_window(n, kind="povey"):
    if kind == "povey":
        return torch.hann_window(n, periodic=False).pow(0.85)  # a power of it: still CPU
    return torch.hamming_window(n, periodic=False)


class Framer(nn.Module):
    def __init__(self, n=400, hop=160):
        super().__init__()
        self.n, self.hop = n, hop
        self.taper = tapered_window(n)  # expect: TL301:9 lines=44,54

    def forward(self, wav):
        return wav.unfold(-1, self.n, self.hop) * self.taper

# source: https://github.com/pytorch/audio/pull/369
# error: RuntimeError: expected device cuda:0 but got device cpu
# pattern: tensor-attribute-not-buffer
# shape: class, helper
# looks-like: tensor-attribute-not-buffer
# needs: torch
# cpu: no written where torch was not installed; not run
import math

import torch
import torch.nn as nn


def hann(n_fft):
    return torch.hann_window(n_fft)


class Spectrogram(nn.Module):
    def __init__(self, n_fft=400, hop_length=None, power=2.0):
        super().__init__()
        self.n_fft = n_fft
        self.hop_length = hop_length if hop_length is not None else n_fft // 2
        self.power = power
        self.register_buffer("window", hann(n_fft))

    def forward(self, waveform):
        spec = torch.stft(waveform, self.n_fft, self.hop_length, window=self.window, return_complex=True)
        return spec.abs().pow(self.power)


class TimeStretch(nn.Module):
    def __init__(self, hop_length=None, n_freq=201, fixed_rate=None):
        super().__init__()
        n_fft = (n_freq - 1) * 2
        hop_length = hop_length if hop_length is not None else n_fft // 2
        self.fixed_rate = fixed_rate
        phase_advance = torch.linspace(0, math.pi * hop_length, n_freq)[..., None]
        self.register_buffer("phase_advance", phase_advance)

    def forward(self, spec, rate=None):
        rate = self.fixed_rate if rate is None else rate
        steps = torch.arange(0, spec.shape[-1], rate, device=spec.device, dtype=spec.dtype)
        phase = self.phase_advance * steps[: spec.shape[-1]]
        return spec[..., : phase.shape[-1]] * torch.cos(phase)


if __name__ == "__main__":
    device = torch.device("cuda" if torch.cuda.is_available() else "cpu")
    pipeline = nn.Sequential(Spectrogram(n_fft=400), TimeStretch(n_freq=201, fixed_rate=1.3)).to(device)
    wave = torch.randn(2, 16000, device=device)
    print(pipeline(wave).shape)

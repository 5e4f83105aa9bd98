# source: https://github.com/pytorch/audio/pull/457
# error: RuntimeError: expected device cuda:0 but got device cpu
# pattern: tensor-attribute-not-buffer
# shape: class, loader-loop
# bug-lines: 20
# cpu: clean
# needs: torch
import math

import torch
import torch.nn as nn


class TimeStretch(nn.Module):
    def __init__(self, hop_length=None, n_freq=201, fixed_rate=None):
        super().__init__()
        self.fixed_rate = fixed_rate
        n_fft = (n_freq - 1) * 2
        hop_length = hop_length if hop_length is not None else n_fft // 2
        self.phase_advance = torch.linspace(0, math.pi * hop_length, n_freq)[..., None]

    def forward(self, spec, overriding_rate=None):
        rate = self.fixed_rate if overriding_rate is None else overriding_rate
        time_steps = torch.arange(0, spec.size(-1) - 1, rate, device=spec.device)
        idx0 = time_steps.floor().long()
        idx1 = idx0 + 1
        alphas = time_steps % 1.0
        mag = (1 - alphas) * spec[..., idx0].abs() + alphas * spec[..., idx1].abs()
        dphase = spec[..., idx1].angle() - spec[..., idx0].angle() - self.phase_advance
        dphase = dphase - 2 * math.pi * torch.round(dphase / (2 * math.pi))
        phase = torch.cumsum(dphase + self.phase_advance, dim=-1)
        return torch.polar(mag, phase)


class SpeedAugment(nn.Module):
    def __init__(self, n_fft=400, rate=1.2):
        super().__init__()
        self.n_fft = n_fft
        self.stretch = TimeStretch(n_freq=n_fft // 2 + 1, fixed_rate=rate)

    def forward(self, wav):
        window = torch.hann_window(self.n_fft, device=wav.device)
        spec = torch.stft(wav, self.n_fft, window=window, return_complex=True)
        return self.stretch(spec).abs()


if __name__ == "__main__":
    device = torch.device("cuda" if torch.cuda.is_available() else "cpu")
    augment = SpeedAugment().to(device)
    for wav in torch.randn(3, 2, 8000).unbind(0):
        print(augment(wav.to(device)).shape)

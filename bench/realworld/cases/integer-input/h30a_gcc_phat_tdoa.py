# source: https://github.com/axeber01/ngcc/issues/1
# error: RuntimeError: expected scalar type Short but found Float
# pattern: integer-input
# shape: helper
# bug-lines: 56, 57, 67
# needs: torch, numpy, scipy
# cpu: no written where torch was not installed; not run
import math

import numpy as np
import torch
import torch.nn as nn
import torch.nn.functional as F
from scipy.io import wavfile


class SincFilterbank(nn.Module):
    """Learnable band-pass front end (SincNet style)."""

    def __init__(self, n_filters=64, kernel_size=129, sample_rate=16000):
        super().__init__()
        self.kernel_size = kernel_size
        low = torch.linspace(30, sample_rate / 2 - 200, n_filters)
        self.low_hz = nn.Parameter(low.unsqueeze(1))
        self.band_hz = nn.Parameter(torch.full((n_filters, 1), 100.0))
        n = torch.arange(-(kernel_size // 2), kernel_size // 2 + 1).float()
        self.register_buffer("n", 2 * math.pi * n.unsqueeze(0) / sample_rate)

    def forward(self, x):
        low = torch.abs(self.low_hz)
        high = low + torch.abs(self.band_hz)
        filters = (torch.sinc(high * self.n / math.pi) * high
                   - torch.sinc(low * self.n / math.pi) * low)
        filters = filters * torch.hamming_window(self.kernel_size, device=filters.device)
        return F.conv1d(x, filters.unsqueeze(1), padding=self.kernel_size // 2)


class NGCCPhat(nn.Module):
    def __init__(self, max_tau=42):
        super().__init__()
        self.max_tau = max_tau
        self.backbone = nn.Sequential(SincFilterbank(), nn.Conv1d(64, 16, 5, padding=2))

    def forward(self, x1, x2):
        y1, y2 = self.backbone(x1), self.backbone(x2)
        n = y1.shape[-1] + y2.shape[-1]
        r = torch.fft.rfft(y1, n=n) * torch.conj(torch.fft.rfft(y2, n=n))
        cc = torch.fft.irfft(r / (torch.abs(r) + 1e-8), n=n)
        cc = torch.cat((cc[..., -self.max_tau:], cc[..., :self.max_tau + 1]), dim=-1)
        return cc.mean(dim=1)


def load_mic_pair(path, start, length):
    sr, audio = wavfile.read(path)          # int16 PCM, shape (samples, channels)
    seg = audio[start:start + length]
    x1 = torch.from_numpy(np.ascontiguousarray(seg[:, 0])).view(1, 1, -1)
    x2 = torch.from_numpy(np.ascontiguousarray(seg[:, 1])).view(1, 1, -1)
    return sr, x1, x2


if __name__ == "__main__":
    model = NGCCPhat()
    model.load_state_dict(torch.load("experiments/ngcc_locata.pt", map_location="cpu"))
    model.eval()
    sr, x1, x2 = load_mic_pair("data/locata_task1_rec1.wav", start=48000, length=2048)
    with torch.no_grad():
        p = model(x1, x2).squeeze()
    delay = int(p.argmax()) - model.max_tau
    print(f"estimated delay: {delay} samples ({1000 * delay / sr:.3f} ms)")

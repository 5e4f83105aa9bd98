# source: https://github.com/bernardo-torres/spectral-optimal-transport/issues/3
# error: RuntimeError: stft input and window must be on the same device but got self on cuda:0 and window on cpu
# pattern: tensor-attribute-not-buffer
# shape: class, multi-file
# bug-lines: 25
# needs: torch, scipy
# cpu: no written where torch was not installed; not run
"""Time-frequency front-ends used by the spectral optimal-transport losses."""
import torch
import torch.nn as nn
from scipy.signal import get_window


class STFT(nn.Module):
    """Magnitude STFT with a fixed analysis window."""

    def __init__(self, fft_size=2048, hop_length=512, win_length=None, window="hann",
                 sr=16000, device="cpu"):
        super().__init__()
        self.fft_size = fft_size
        self.hop_size = hop_length
        self.sr = sr
        self.device = device
        self.win_length = win_length if win_length else fft_size
        self.window = torch.tensor(get_window(window, self.win_length, fftbins=True),
                                   dtype=torch.float32).to(device)

    def get_bin_positions(self):
        n_bins = self.fft_size // 2 + 1
        return torch.linspace(0, 1, n_bins)

    def forward(self, x):
        spec = torch.stft(x, n_fft=self.fft_size, hop_length=self.hop_size,
                          win_length=self.win_length, window=self.window,
                          return_complex=True)
        return spec.abs()

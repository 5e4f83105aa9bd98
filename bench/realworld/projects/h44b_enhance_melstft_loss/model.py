# source: https://github.com/csteinmetz1/auraloss/issues/34
# error: RuntimeError: Expected all tensors to be on the same device, but found at least two devices, cuda:0 and cpu!
# pattern: tensor-attribute-not-buffer
# shape: multi-file, class
# needs: torch
# cpu: no written where torch was not installed; not run
"""Mask-based enhancement network applied to meeting audio before the
speaker-diarization stage."""
import torch
import torch.nn as nn


class MaskEnhancer(nn.Module):
    def __init__(self, fft_size=512, hop_size=128, hidden=256):
        super().__init__()
        self.fft_size, self.hop_size = fft_size, hop_size
        self.register_buffer("window", torch.hann_window(fft_size))
        n_bins = fft_size // 2 + 1
        self.rnn = nn.GRU(n_bins, hidden, num_layers=2, batch_first=True)
        self.mask = nn.Sequential(nn.Linear(hidden, n_bins), nn.Sigmoid())

    def forward(self, wav):
        spec = torch.stft(wav, self.fft_size, self.hop_size, window=self.window,
                          return_complex=True)
        mag = spec.abs().transpose(1, 2)
        h, _ = self.rnn(torch.log1p(mag))
        mask = self.mask(h).transpose(1, 2)
        return torch.istft(spec * mask, self.fft_size, self.hop_size,
                           window=self.window, length=wav.shape[-1])

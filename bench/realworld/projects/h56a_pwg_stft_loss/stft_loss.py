# source: https://github.com/kan-bayashi/ParallelWaveGAN/issues/223
# error: RuntimeError: Expected all tensors to be on the same device, but found at least two devices, cuda:0 and cpu!
# pattern: tensor-attribute-not-buffer
# shape: class, multi-file
# bug-lines: 31
# needs: torch
# cpu: no written where torch was not installed; not run
"""Multi-resolution STFT loss used to train the waveform generator."""

import torch
import torch.nn.functional as F


def magnitude_spec(x, fft_size, hop_size, win_length, window):
    """Return a clamped magnitude spectrogram of shape (B, frames, bins)."""
    spec = torch.stft(x, fft_size, hop_size, win_length, window,
                      return_complex=True)
    mag = spec.abs().transpose(2, 1)
    return torch.clamp(mag, min=1e-7)


class STFTLoss(torch.nn.Module):
    """Spectral convergence + log magnitude loss at one resolution."""

    def __init__(self, fft_size=1024, hop_size=120, win_length=600,
                 window="hann_window"):
        super().__init__()
        self.fft_size = fft_size
        self.hop_size = hop_size
        self.win_length = win_length
        self.window = getattr(torch, window)(win_length)

    def forward(self, y_hat, y):
        mag_hat = magnitude_spec(y_hat, self.fft_size, self.hop_size,
                                 self.win_length, self.window)
        mag = magnitude_spec(y, self.fft_size, self.hop_size,
                             self.win_length, self.window)
        sc = torch.norm(mag - mag_hat, p="fro") / torch.norm(mag, p="fro")
        log_mag = F.l1_loss(torch.log(mag), torch.log(mag_hat))
        return sc, log_mag


class MultiResolutionSTFTLoss(torch.nn.Module):
    def __init__(self, fft_sizes=(1024, 2048, 512), hop_sizes=(120, 240, 50),
                 win_lengths=(600, 1200, 240), window="hann_window"):
        super().__init__()
        self.losses = torch.nn.ModuleList(
            STFTLoss(fs, hs, wl, window)
            for fs, hs, wl in zip(fft_sizes, hop_sizes, win_lengths)
        )

    def forward(self, y_hat, y):
        sc_total, mag_total = 0.0, 0.0
        for loss_fn in self.losses:
            sc, mag = loss_fn(y_hat, y)
            sc_total += sc
            mag_total += mag
        n = len(self.losses)
        return sc_total / n, mag_total / n

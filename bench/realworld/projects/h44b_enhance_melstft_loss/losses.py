# source: https://github.com/csteinmetz1/auraloss/issues/34
# error: RuntimeError: Expected all tensors to be on the same device, but found at least two devices, cuda:0 and cpu!
# pattern: tensor-attribute-not-buffer
# shape: multi-file, class
# bug-lines: 38, 47
# needs: torch
# cpu: no written where torch was not installed; not run
"""Spectral losses for the speech-enhancement front end of the diarization
pipeline."""
import math
import torch
import torch.nn as nn


def mel_filterbank(sample_rate, n_fft, n_mels):
    def hz_to_mel(f):
        return 2595.0 * math.log10(1.0 + f / 700.0)

    mel_pts = torch.linspace(hz_to_mel(0.0), hz_to_mel(sample_rate / 2), n_mels + 2)
    hz_pts = 700.0 * (10 ** (mel_pts / 2595.0) - 1.0)
    bins = torch.floor((n_fft + 1) * hz_pts / sample_rate).long()
    fb = torch.zeros(n_mels, n_fft // 2 + 1)
    for m in range(1, n_mels + 1):
        lo, c, hi = bins[m - 1].item(), bins[m].item(), bins[m + 1].item()
        for k in range(lo, c):
            fb[m - 1, k] = (k - lo) / max(c - lo, 1)
        for k in range(c, hi):
            fb[m - 1, k] = (hi - k) / max(hi - c, 1)
    return fb


class MelSTFTLoss(nn.Module):
    def __init__(self, sample_rate=16000, fft_size=1024, hop_size=256, n_bins=64, device=None):
        super().__init__()
        self.fft_size, self.hop_size = fft_size, hop_size
        self.register_buffer("window", torch.hann_window(fft_size))
        fb = mel_filterbank(sample_rate, fft_size, n_bins)
        self.fb = fb.unsqueeze(0)
        if device is not None:
            self.fb = self.fb.to(device)

    def stft_mag(self, x):
        spec = torch.stft(x, self.fft_size, self.hop_size, window=self.window, return_complex=True)
        return spec.abs().clamp_min(1e-7)

    def forward(self, est, ref):
        est_mel = torch.matmul(self.fb, self.stft_mag(est))
        ref_mel = torch.matmul(self.fb, self.stft_mag(ref))
        sc = torch.norm(ref_mel - est_mel, p="fro") / torch.norm(ref_mel, p="fro")
        log_mag = (torch.log(ref_mel) - torch.log(est_mel)).abs().mean()
        return sc + log_mag

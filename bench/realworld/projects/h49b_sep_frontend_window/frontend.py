# source: https://github.com/lhotse-speech/lhotse/pull/1171
# error: RuntimeError: Expected all tensors to be on the same device, but found at least two devices, cuda:0 and cpu!
# pattern: tensor-attribute-not-buffer
# shape: multi-file, class, helper
# bug-lines: 32, 36
# needs: torch
# cpu: no written where torch was not installed; not run
"""Framing front-end: waveform -> windowed frames -> magnitude spectra, and back."""
import math

import torch
import torch.nn as nn


def create_frame_window(win_length, window_type="povey", blackman_coeff=0.42):
    if window_type == "hann":
        return torch.hann_window(win_length, periodic=False)
    if window_type == "povey":
        return torch.hann_window(win_length, periodic=False).pow(0.85)
    if window_type == "blackman":
        a = 2 * math.pi / (win_length - 1)
        n = torch.arange(win_length, dtype=torch.float32)
        return blackman_coeff - 0.5 * torch.cos(a * n) + (0.5 - blackman_coeff) * torch.cos(2 * a * n)
    raise ValueError(f"unknown window {window_type}")


class Wav2Frames(nn.Module):
    def __init__(self, frame_length=1024, frame_shift=256, window_type="povey"):
        super().__init__()
        self.frame_length = frame_length
        self.frame_shift = frame_shift
        self._window = create_frame_window(frame_length, window_type)

    def _forward_strided(self, x_strided):
        x_strided = x_strided - x_strided.mean(dim=-1, keepdim=True)
        return x_strided * self._window

    def forward(self, wav):
        frames = wav.unfold(-1, self.frame_length, self.frame_shift)
        frames = self._forward_strided(frames)
        return torch.fft.rfft(frames, dim=-1)

    def inverse(self, spec, length):
        frames = torch.fft.irfft(spec, n=self.frame_length, dim=-1)
        n_frames = frames.shape[-2]
        out = frames.new_zeros(*frames.shape[:-2], length)
        for t in range(n_frames):
            start = t * self.frame_shift
            out[..., start:start + self.frame_length] += frames[..., t, :]
        return out * (self.frame_shift / self.frame_length)

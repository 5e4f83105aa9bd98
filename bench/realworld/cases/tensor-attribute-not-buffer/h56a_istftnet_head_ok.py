# source: https://github.com/rishikksh20/iSTFTNet-pytorch/issues/14
# error: RuntimeError: istft input and window must be on the same device but got self on cuda:0 and window on cpu
# pattern: tensor-attribute-not-buffer
# shape: class, loader-loop
# looks-like: tensor-attribute-not-buffer
# needs: torch
# cpu: no written where torch was not installed; not run
"""iSTFTNet-style generator head: predict magnitude/phase, then inverse STFT."""

import torch
import torch.nn.functional as F
from torch import nn


class TorchSTFT(nn.Module):
    def __init__(self, filter_length=16, hop_length=4, win_length=16, window="hann"):
        super().__init__()
        self.filter_length = filter_length
        self.hop_length = hop_length
        self.win_length = win_length
        win = torch.hann_window(win_length) if window == "hann" else torch.ones(win_length)
        self.register_buffer("window", win, persistent=False)

    def transform(self, x):
        spec = torch.stft(x, self.filter_length, self.hop_length, self.win_length,
                          window=self.window, return_complex=True)
        return spec.abs(), spec.angle()

    def inverse(self, magnitude, phase):
        spec = magnitude * torch.exp(phase * 1j)
        wav = torch.istft(spec, self.filter_length, self.hop_length, self.win_length,
                          window=self.window)
        return wav.unsqueeze(-2)


class ISTFTHead(nn.Module):
    def __init__(self, channels=128, n_fft=16, hop=4):
        super().__init__()
        self.post_n_fft = n_fft
        self.reflection_pad = nn.ReflectionPad1d((1, 0))
        self.conv_post = nn.Conv1d(channels, n_fft + 2, 7, padding=3)
        self.stft = TorchSTFT(filter_length=n_fft, hop_length=hop, win_length=n_fft)

    def forward(self, x):
        x = self.reflection_pad(F.leaky_relu(x))
        x = self.conv_post(x)
        bins = self.post_n_fft // 2 + 1
        mag = torch.exp(x[:, :bins, :])
        phase = torch.sin(x[:, bins:, :])
        return self.stft.inverse(mag, phase)


def spectral_loss(y_hat, y, n_fft=1024, hop=256):
    window = torch.hann_window(n_fft, device=y.device)
    s_hat = torch.stft(y_hat.squeeze(1), n_fft, hop, window=window, return_complex=True)
    s = torch.stft(y.squeeze(1), n_fft, hop, window=window, return_complex=True)
    return F.l1_loss(s_hat.abs(), s.abs())


def train(generator, loader, steps, device="cuda"):
    generator = generator.to(device)
    opt = torch.optim.AdamW(generator.parameters(), lr=2e-4, betas=(0.8, 0.99))
    step = 0
    while step < steps:
        for features, wav in loader:
            features, wav = features.to(device), wav.to(device)
            wav_hat = generator(features)
            loss = spectral_loss(wav_hat, wav)
            opt.zero_grad()
            loss.backward()
            opt.step()
            step += 1

# source: https://github.com/earthspecies/avex/pull/147
# error: RuntimeError: expected m1 and m2 to have the same dtype, but got: double != float
# pattern: float64-input
# shape: multi-file, class
# needs: torch, torchaudio
# cpu: no written where torch was not installed; not run
"""Waveform-in music tagger: log-mel frontend + short-chunk CNN."""
import torch
import torch.nn as nn
import torchaudio


class LogMelFrontend(nn.Module):
    def __init__(self, sample_rate=16000, n_fft=512, hop=256, n_mels=128):
        super().__init__()
        self.n_fft, self.hop = n_fft, hop
        fb = torchaudio.functional.melscale_fbanks(
            n_fft // 2 + 1, f_min=0.0, f_max=sample_rate / 2, n_mels=n_mels, sample_rate=sample_rate
        )
        self.register_buffer("mel_fb", fb)  # [n_freqs, n_mels], float32

    def forward(self, wav):
        window = torch.hann_window(self.n_fft, device=wav.device, dtype=wav.dtype)
        spec = torch.stft(wav, self.n_fft, self.hop, window=window, return_complex=True)
        power = spec.abs().pow(2).transpose(1, 2)  # [B, frames, n_freqs]
        mel = torch.matmul(power, self.mel_fb)
        return torch.log1p(mel).transpose(1, 2).unsqueeze(1)  # [B, 1, n_mels, frames]


class WaveTagger(nn.Module):
    def __init__(self, n_tags=50):
        super().__init__()
        self.frontend = LogMelFrontend()
        self.cnn = nn.Sequential(
            nn.BatchNorm2d(1),
            nn.Conv2d(1, 64, 3, padding=1), nn.BatchNorm2d(64), nn.ReLU(), nn.MaxPool2d(2),
            nn.Conv2d(64, 128, 3, padding=1), nn.BatchNorm2d(128), nn.ReLU(), nn.MaxPool2d(2),
            nn.Conv2d(128, 256, 3, padding=1), nn.BatchNorm2d(256), nn.ReLU(),
            nn.AdaptiveMaxPool2d(1),
        )
        self.head = nn.Linear(256, n_tags)

    def forward(self, wav):
        return self.head(self.cnn(self.frontend(wav)).flatten(1))

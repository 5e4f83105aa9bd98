# source: https://github.com/resemble-ai/resemble-enhance/pull/77
# error: RuntimeError: Expected all tensors to be on the same device, but found at least two devices, cpu and cuda:0!
# pattern: stale-alias
# shape: multi-file, class
# needs: torch
# cpu: no written where torch was not installed; not run
"""Waveform-to-waveform speech denoiser (U-Net style 1-D convolutions)."""
import torch
import torch.nn as nn


class WaveDenoiser(nn.Module):
    def __init__(self, channels=(1, 32, 64, 128), wav_rate=44100):
        super().__init__()
        self.wav_rate = wav_rate
        self.down = nn.ModuleList(
            nn.Conv1d(c_in, c_out, 8, stride=4, padding=2) for c_in, c_out in zip(channels[:-1], channels[1:])
        )
        rev = channels[::-1]
        self.up = nn.ModuleList(
            nn.ConvTranspose1d(c_in, c_out, 8, stride=4, padding=2) for c_in, c_out in zip(rev[:-1], rev[1:])
        )

    def forward(self, wav):
        x = wav.unsqueeze(1)
        skips = []
        for conv in self.down:
            skips.append(x)
            x = torch.relu(conv(x))
        for deconv in self.up:
            x = deconv(x)
            skip = skips.pop()
            x = x[..., : skip.shape[-1]] + skip
        return x.squeeze(1)

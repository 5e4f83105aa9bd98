# source: https://github.com/neonbjb/tortoise-tts/pull/635
# error: AssertionError: Torch not compiled with CUDA enabled
# pattern: hard-coded-cuda
# shape: class, helper
# bug-lines: 61
# needs: torch
# cpu: no written where torch was not installed; not run
"""HiFi-GAN decoder that turns GPT latents into a 24 kHz waveform."""

import torch
import torch.nn.functional as F
from torch import nn


class ResBlock(nn.Module):
    def __init__(self, channels, kernel_size=3, dilations=(1, 3, 5)):
        super().__init__()
        self.convs = nn.ModuleList(
            nn.Conv1d(channels, channels, kernel_size, dilation=d,
                      padding=d * (kernel_size - 1) // 2)
            for d in dilations
        )

    def forward(self, x):
        for conv in self.convs:
            x = x + conv(F.leaky_relu(x, 0.1))
        return x


class HifiDecoder(nn.Module):
    def __init__(self, latent_dim=1024, spk_dim=512, channels=512,
                 upsample_rates=(8, 8, 2, 2), ar_mel_length_compression=1024,
                 output_hop_length=256):
        super().__init__()
        self.ar_mel_length_compression = ar_mel_length_compression
        self.output_hop_length = output_hop_length
        self.conv_pre = nn.Conv1d(latent_dim, channels, 7, padding=3)
        self.cond_layer = nn.Conv1d(spk_dim, channels, 1)
        ups, blocks = [], []
        for r in upsample_rates:
            ups.append(nn.ConvTranspose1d(channels, channels // 2, r * 2,
                                          stride=r, padding=r // 2))
            channels //= 2
            blocks.append(ResBlock(channels))
        self.ups = nn.ModuleList(ups)
        self.blocks = nn.ModuleList(blocks)
        self.conv_post = nn.Conv1d(channels, 1, 7, padding=3)

    def forward(self, latents, g):
        x = self.conv_pre(latents) + self.cond_layer(g)
        for up, block in zip(self.ups, self.blocks):
            x = block(up(F.leaky_relu(x, 0.1)))
        return torch.tanh(self.conv_post(F.leaky_relu(x)))

    @torch.no_grad()
    def inference(self, c, g):
        """c: GPT latents [B, T, C]; g: speaker embedding [B, C, 1]."""
        scale = self.ar_mel_length_compression / self.output_hop_length
        up_1 = F.interpolate(c.transpose(1, 2), scale_factor=[scale], mode="linear")
        up_2 = up_1.squeeze(1)
        return self.forward(up_2.cuda(), g)


class TextToSpeech:
    def __init__(self, decoder_ckpt, device=None):
        if device is None:
            device = "cuda" if torch.cuda.is_available() else "cpu"
        self.device = torch.device(device)
        self.hifi_decoder = HifiDecoder().to(self.device).eval()
        state = torch.load(decoder_ckpt, map_location=self.device)
        self.hifi_decoder.load_state_dict(state)

    def decode(self, gpt_latents, speaker_embedding):
        latents = gpt_latents.to(self.device)
        g = speaker_embedding.to(self.device).unsqueeze(-1)
        wav = self.hifi_decoder.inference(latents, g)
        return wav.squeeze(1).cpu()

# source: https://github.com/kan-bayashi/ParallelWaveGAN/issues/223
# error: RuntimeError: Expected all tensors to be on the same device, but found at least two devices, cuda:0 and cpu!
# pattern: tensor-attribute-not-buffer
# shape: class, multi-file
# needs: torch
# cpu: no written where torch was not installed; not run
"""Compact MelGAN-style generator (upsampling by 256)."""

import torch
from torch import nn


class ResStack(nn.Module):
    def __init__(self, channels, dilations=(1, 3, 9)):
        super().__init__()
        self.blocks = nn.ModuleList(
            nn.Sequential(
                nn.LeakyReLU(0.2),
                nn.ReflectionPad1d(d),
                nn.Conv1d(channels, channels, 3, dilation=d),
                nn.LeakyReLU(0.2),
                nn.Conv1d(channels, channels, 1),
            )
            for d in dilations
        )

    def forward(self, x):
        for block in self.blocks:
            x = x + block(x)
        return x


class MelGANGenerator(nn.Module):
    def __init__(self, in_channels=80, channels=512, ratios=(8, 8, 2, 2)):
        super().__init__()
        layers = [nn.ReflectionPad1d(3), nn.Conv1d(in_channels, channels, 7)]
        for r in ratios:
            layers += [
                nn.LeakyReLU(0.2),
                nn.ConvTranspose1d(channels, channels // 2, r * 2, stride=r,
                                   padding=r // 2 + r % 2, output_padding=r % 2),
                ResStack(channels // 2),
            ]
            channels //= 2
        layers += [nn.LeakyReLU(0.2), nn.ReflectionPad1d(3),
                   nn.Conv1d(channels, 1, 7), nn.Tanh()]
        self.net = nn.Sequential(*layers)

    def forward(self, mel):
        return self.net(mel)

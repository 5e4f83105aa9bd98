# source: https://github.com/gapeng000/PyTorch-progressive_growing_of_gans/issues/23
# error: RuntimeError: Expected all tensors to be on the same device, but found at least two devices, cpu and cuda:0!
# pattern: tensor-attribute-not-buffer
# shape: multi-file, class
# needs: torch
# cpu: no written where torch was not installed; not run
import torch.nn as nn
import torch.nn.functional as F

from layers import EqualizedConv2d, MinibatchStdDev, PixelwiseNorm


def conv_block(in_ch, out_ch):
    return nn.Sequential(
        EqualizedConv2d(in_ch, out_ch, 3, padding=1), nn.LeakyReLU(0.2), PixelwiseNorm(),
        EqualizedConv2d(out_ch, out_ch, 3, padding=1), nn.LeakyReLU(0.2), PixelwiseNorm())


class Generator(nn.Module):
    def __init__(self, latent_dim=512, channels=(512, 512, 256, 128, 64)):
        super().__init__()
        self.latent_dim = latent_dim
        self.first = nn.Sequential(
            EqualizedConv2d(latent_dim, channels[0], 4, padding=3), nn.LeakyReLU(0.2), PixelwiseNorm(),
            EqualizedConv2d(channels[0], channels[0], 3, padding=1), nn.LeakyReLU(0.2), PixelwiseNorm())
        self.blocks = nn.ModuleList(conv_block(a, b) for a, b in zip(channels[:-1], channels[1:]))
        self.to_rgb = EqualizedConv2d(channels[-1], 3, 1, gain="linear")

    def forward(self, z):
        x = self.first(z.view(z.size(0), self.latent_dim, 1, 1))
        for block in self.blocks:
            x = block(F.interpolate(x, scale_factor=2, mode="nearest"))
        return self.to_rgb(x)


class Discriminator(nn.Module):
    def __init__(self, channels=(64, 128, 256, 512, 512)):
        super().__init__()
        self.from_rgb = nn.Sequential(EqualizedConv2d(3, channels[0], 1), nn.LeakyReLU(0.2))
        self.blocks = nn.ModuleList(
            nn.Sequential(EqualizedConv2d(a, b, 3, padding=1), nn.LeakyReLU(0.2), nn.AvgPool2d(2))
            for a, b in zip(channels[:-1], channels[1:]))
        self.final = nn.Sequential(
            MinibatchStdDev(), EqualizedConv2d(channels[-1] + 1, channels[-1], 3, padding=1), nn.LeakyReLU(0.2),
            EqualizedConv2d(channels[-1], channels[-1], 4), nn.LeakyReLU(0.2),
            EqualizedConv2d(channels[-1], 1, 1, gain="linear"))

    def forward(self, img):
        x = self.from_rgb(img)
        for block in self.blocks:
            x = block(x)
        return self.final(x).view(-1)

# source: https://github.com/open-mmlab/mmengine/issues/1538
# error: RuntimeError: Expected all tensors to be on the same device, but found at least two devices, cuda:0 and cpu!
# pattern: optimizer-state-before-placement
# shape: multi-file, helper, loader-loop
# needs: torch
# cpu: no written where torch was not installed; not run
import torch.nn as nn


class ResidualBlock(nn.Module):
    def __init__(self, channels):
        super().__init__()
        self.body = nn.Sequential(
            nn.Conv2d(channels, channels, 3, padding=1),
            nn.BatchNorm2d(channels),
            nn.PReLU(),
            nn.Conv2d(channels, channels, 3, padding=1),
            nn.BatchNorm2d(channels),
        )

    def forward(self, x):
        return x + self.body(x)


class SRGenerator(nn.Module):
    def __init__(self, scale=4, n_blocks=8, channels=64):
        super().__init__()
        self.head = nn.Sequential(nn.Conv2d(3, channels, 9, padding=4), nn.PReLU())
        self.blocks = nn.Sequential(*[ResidualBlock(channels) for _ in range(n_blocks)])
        ups = []
        for _ in range(scale // 2):
            ups += [nn.Conv2d(channels, channels * 4, 3, padding=1), nn.PixelShuffle(2), nn.PReLU()]
        self.upsample = nn.Sequential(*ups)
        self.tail = nn.Conv2d(channels, 3, 9, padding=4)

    def forward(self, lr):
        feat = self.head(lr)
        feat = feat + self.blocks(feat)
        return self.tail(self.upsample(feat))


class PatchDiscriminator(nn.Module):
    def __init__(self, channels=64):
        super().__init__()
        layers, in_ch = [], 3
        for i, out_ch in enumerate([channels, channels * 2, channels * 4]):
            layers += [nn.Conv2d(in_ch, out_ch, 4, stride=2, padding=1)]
            if i > 0:
                layers += [nn.BatchNorm2d(out_ch)]
            layers += [nn.LeakyReLU(0.2, inplace=True)]
            in_ch = out_ch
        layers += [nn.Conv2d(in_ch, 1, 3, padding=1)]
        self.net = nn.Sequential(*layers)

    def forward(self, img):
        return self.net(img)

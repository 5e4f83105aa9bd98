# source: https://github.com/seungwonpark/melgan/issues/70
# error: RuntimeError: Input type (torch.FloatTensor) and weight type (torch.cuda.FloatTensor) should be the same
# pattern: inputs-not-moved
# shape: multi-file, loader-loop, helper
# needs: torch
# cpu: no written where torch was not installed; not run
import torch.nn as nn
from torch.nn.utils import weight_norm


class ResStack(nn.Module):
    def __init__(self, channel):
        super().__init__()
        self.blocks = nn.ModuleList([
            nn.Sequential(
                nn.LeakyReLU(0.2),
                nn.ReflectionPad1d(3 ** i),
                weight_norm(nn.Conv1d(channel, channel, kernel_size=3, dilation=3 ** i)),
                nn.LeakyReLU(0.2),
                weight_norm(nn.Conv1d(channel, channel, kernel_size=1)),
            ) for i in range(3)])

    def forward(self, x):
        for block in self.blocks:
            x = x + block(x)
        return x


class Generator(nn.Module):
    def __init__(self, mel_channel=80):
        super().__init__()
        layers = [nn.ReflectionPad1d(3), weight_norm(nn.Conv1d(mel_channel, 512, kernel_size=7))]
        ch = 512
        for r in (8, 8, 2, 2):
            layers += [nn.LeakyReLU(0.2),
                       weight_norm(nn.ConvTranspose1d(ch, ch // 2, 2 * r, stride=r, padding=r // 2 + r % 2)),
                       ResStack(ch // 2)]
            ch //= 2
        layers += [nn.LeakyReLU(0.2), nn.ReflectionPad1d(3), weight_norm(nn.Conv1d(ch, 1, kernel_size=7)), nn.Tanh()]
        self.generator = nn.Sequential(*layers)

    def forward(self, mel):
        mel = (mel + 5.0) / 5.0  # roughly normalize log-mel to [-1, 1]
        return self.generator(mel)


class Discriminator(nn.Module):
    def __init__(self):
        super().__init__()
        self.layers = nn.ModuleList([
            nn.Sequential(nn.ReflectionPad1d(7), weight_norm(nn.Conv1d(1, 16, 15)), nn.LeakyReLU(0.2)),
            nn.Sequential(weight_norm(nn.Conv1d(16, 64, 41, stride=4, padding=20, groups=4)), nn.LeakyReLU(0.2)),
            nn.Sequential(weight_norm(nn.Conv1d(64, 256, 41, stride=4, padding=20, groups=16)), nn.LeakyReLU(0.2)),
            weight_norm(nn.Conv1d(256, 1, kernel_size=3, padding=1)),
        ])

    def forward(self, x):
        features = []
        for layer in self.layers:
            x = layer(x)
            features.append(x)
        return features[:-1], features[-1]


class MultiScaleDiscriminator(nn.Module):
    def __init__(self):
        super().__init__()
        self.discriminators = nn.ModuleList([Discriminator() for _ in range(3)])
        self.pooling = nn.ModuleList(
            [nn.Identity()] + [nn.AvgPool1d(4, stride=2, padding=1, count_include_pad=False) for _ in range(2)])

    def forward(self, x):
        results = []
        for pool, disc in zip(self.pooling, self.discriminators):
            x = pool(x)
            results.append(disc(x))
        return results

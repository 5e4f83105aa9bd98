# source: https://github.com/f90/Wave-U-Net-Pytorch/issues/3
# error: RuntimeError: Attempting to deserialize object on a CUDA device but torch.cuda.is_available() is False. If you are running on a CPU-only machine, please use torch.load with map_location=torch.device('cpu') to map your storages to the CPU.
# pattern: torch-load-map-location
# shape: multi-file, class
# needs: torch
# cpu: no written where torch was not installed; not run
"""A compact 1-D U-Net that separates a mono mixture into instrument stems."""
import torch
import torch.nn as nn
import torch.nn.functional as F


class DownBlock(nn.Module):
    def __init__(self, cin, cout, kernel=15):
        super().__init__()
        self.conv = nn.Conv1d(cin, cout, kernel, padding=kernel // 2)

    def forward(self, x):
        skip = F.leaky_relu(self.conv(x), 0.2)
        return skip[..., ::2], skip


class UpBlock(nn.Module):
    def __init__(self, cin, cskip, cout, kernel=5):
        super().__init__()
        self.conv = nn.Conv1d(cin + cskip, cout, kernel, padding=kernel // 2)

    def forward(self, x, skip):
        x = F.interpolate(x, size=skip.shape[-1], mode="linear", align_corners=False)
        return F.leaky_relu(self.conv(torch.cat([x, skip], dim=1)), 0.2)


class StemUNet(nn.Module):
    def __init__(self, stems=("drums", "bass", "other", "vocals"), channels=(24, 48, 72, 96)):
        super().__init__()
        self.stems = list(stems)
        cins = (1,) + channels[:-1]
        self.downs = nn.ModuleList(DownBlock(ci, co) for ci, co in zip(cins, channels))
        self.bottleneck = nn.Conv1d(channels[-1], channels[-1], 15, padding=7)
        self.ups = nn.ModuleList(
            UpBlock(channels[i], channels[i], channels[i - 1] if i > 0 else channels[0])
            for i in reversed(range(len(channels)))
        )
        self.out = nn.Conv1d(channels[0], len(self.stems), 1)

    def forward(self, mix):
        skips, x = [], mix
        for down in self.downs:
            x, skip = down(x)
            skips.append(skip)
        x = self.bottleneck(x)
        for up, skip in zip(self.ups, reversed(skips)):
            x = up(x, skip)
        return torch.tanh(self.out(x))

# source: https://github.com/pytorch/pytorch/issues/14187
# error: ValueError: DistributedDataParallel device_ids and output_device arguments only work with single-device/multiple-device GPU modules or CPU modules, but got device_ids [0], output_device 0, and module parameters {device(type='cpu')}.
# pattern: parallel-wrap-before-placement
# shape: multi-file, loader-loop
# needs: torch
# cpu: no written where torch was not installed; not run
"""A small (2+1)D convolutional network for clip-level action recognition."""
import torch.nn as nn


class Conv2Plus1D(nn.Sequential):
    def __init__(self, c_in, c_out, mid, stride=1):
        super().__init__(
            nn.Conv3d(c_in, mid, (1, 3, 3), stride=(1, stride, stride), padding=(0, 1, 1), bias=False),
            nn.BatchNorm3d(mid), nn.ReLU(inplace=True),
            nn.Conv3d(mid, c_out, (3, 1, 1), stride=(stride, 1, 1), padding=(1, 0, 0), bias=False))


class Block(nn.Module):
    def __init__(self, c_in, c_out, stride=1):
        super().__init__()
        mid = (c_in * c_out * 27) // (c_in * 9 + 3 * c_out)
        self.conv1 = nn.Sequential(Conv2Plus1D(c_in, c_out, mid, stride), nn.BatchNorm3d(c_out), nn.ReLU(inplace=True))
        self.conv2 = nn.Sequential(Conv2Plus1D(c_out, c_out, mid), nn.BatchNorm3d(c_out))
        self.down = None
        if stride != 1 or c_in != c_out:
            self.down = nn.Sequential(nn.Conv3d(c_in, c_out, 1, stride=stride, bias=False), nn.BatchNorm3d(c_out))
        self.relu = nn.ReLU(inplace=True)

    def forward(self, x):
        identity = x if self.down is None else self.down(x)
        return self.relu(self.conv2(self.conv1(x)) + identity)


class R2Plus1DClassifier(nn.Module):
    def __init__(self, num_classes, widths=(64, 128, 256, 512)):
        super().__init__()
        self.stem = nn.Sequential(
            nn.Conv3d(3, 45, (1, 7, 7), stride=(1, 2, 2), padding=(0, 3, 3), bias=False), nn.BatchNorm3d(45),
            nn.ReLU(inplace=True),
            nn.Conv3d(45, widths[0], (3, 1, 1), padding=(1, 0, 0), bias=False), nn.BatchNorm3d(widths[0]),
            nn.ReLU(inplace=True))
        layers, c = [], widths[0]
        for i, w in enumerate(widths):
            layers += [Block(c, w, stride=1 if i == 0 else 2), Block(w, w)]
            c = w
        self.layers = nn.Sequential(*layers)
        self.pool = nn.AdaptiveAvgPool3d(1)
        self.fc = nn.Linear(c, num_classes)

    def forward(self, clips):
        return self.fc(self.pool(self.layers(self.stem(clips))).flatten(1))

# source: https://github.com/DingXiaoH/RepVGG/pull/2
# error: RuntimeError: expected device cpu but got device cuda:0
# pattern: cache-builder-cpu-default
# shape: multi-file, class
# needs: torch
# cpu: no written where torch was not installed; not run
"""Lip-reading visual frontend: 3D stem + per-frame RepConv trunk + temporal conv classifier."""
import torch
import torch.nn as nn

from rep_blocks import RepConvBlock


class RepLipFrontend(nn.Module):
    def __init__(self, num_words=500, widths=(64, 64, 128, 128, 256)):
        super().__init__()
        self.stem = nn.Sequential(
            nn.Conv3d(1, widths[0], (5, 7, 7), stride=(1, 2, 2), padding=(2, 3, 3), bias=False),
            nn.BatchNorm3d(widths[0]),
            nn.ReLU(inplace=True),
        )
        blocks = []
        for i in range(1, len(widths)):
            stride = 2 if widths[i] != widths[i - 1] else 1
            blocks.append(RepConvBlock(widths[i - 1], widths[i], stride=stride))
        self.trunk = nn.Sequential(*blocks)
        self.pool = nn.AdaptiveAvgPool2d(1)
        self.temporal = nn.Conv1d(widths[-1], 512, 3, padding=1)
        self.classifier = nn.Linear(512, num_words)

    def forward(self, clips):  # (B, 1, T, 88, 88)
        x = self.stem(clips)
        b, c, t, h, w = x.shape
        x = x.transpose(1, 2).reshape(b * t, c, h, w)
        x = self.pool(self.trunk(x)).reshape(b, t, -1).transpose(1, 2)
        x = torch.relu(self.temporal(x)).mean(dim=2)
        return self.classifier(x)

    def switch_to_deploy(self):
        for module in list(self.modules()):
            if isinstance(module, RepConvBlock):
                module.switch_to_deploy()
        return self

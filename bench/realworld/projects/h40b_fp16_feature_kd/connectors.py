# source: https://github.com/open-mmlab/mmrazor/issues/190
# error: RuntimeError: Input type (torch.cuda.HalfTensor) and weight type (torch.cuda.FloatTensor) should be the same
# pattern: partial-dtype-cast
# shape: multi-file, class
# needs: torch
# cpu: no written where torch was not installed; not run
"""Align modules that map student neck features to the teacher's channel width."""
import torch.nn as nn


class ConvBNConnector(nn.Module):
    def __init__(self, in_channels, out_channels):
        super().__init__()
        self.conv = nn.Conv2d(in_channels, out_channels, kernel_size=1, bias=False)
        self.bn = nn.BatchNorm2d(out_channels)

    def forward(self, x):
        return self.bn(self.conv(x))


def build_connectors(student_channels, teacher_channels):
    return nn.ModuleList(
        ConvBNConnector(s, t) for s, t in zip(student_channels, teacher_channels)
    )

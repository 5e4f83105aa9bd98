# source: https://github.com/open-mmlab/mmdetection/issues/638
# error: RuntimeError: Input type (torch.cuda.FloatTensor) and weight type (torch.FloatTensor) should be the same
# pattern: module-in-plain-container
# shape: multi-file, class
# bug-lines: 27, 30, 33
# needs: torch
# cpu: no written where torch was not installed; not run

import torch.nn as nn
import torch.nn.functional as F


class ContextFPN(nn.Module):
    """FPN neck with an extra stack of context convolutions on the top level."""

    def __init__(self, in_channels, out_channels=256, num_context=2):
        super().__init__()
        self.in_channels = in_channels
        self.out_channels = out_channels

        self.lateral_convs = nn.ModuleList()
        self.fpn_convs = nn.ModuleList()
        for ch in in_channels:
            self.lateral_convs.append(nn.Conv2d(ch, out_channels, 1))
            self.fpn_convs.append(nn.Conv2d(out_channels, out_channels, 3, padding=1))

        self.context_convs = self._make_context_block(out_channels, num_context)

    def _make_context_block(self, channels, depth):
        blocks = []
        for i in range(depth):
            dilation = 2 ** (i + 1)
            blocks.append(nn.Conv2d(channels, channels, 3, padding=dilation, dilation=dilation))
            blocks.append(nn.ReLU(inplace=True))
        return blocks

    def _apply_context(self, x):
        for layer in self.context_convs:
            x = layer(x)
        return x

    def forward(self, feats):
        assert len(feats) == len(self.in_channels)
        laterals = [conv(f) for conv, f in zip(self.lateral_convs, feats)]

        laterals[-1] = laterals[-1] + self._apply_context(laterals[-1])

        for i in range(len(laterals) - 1, 0, -1):
            up = F.interpolate(laterals[i], size=laterals[i - 1].shape[-2:], mode="nearest")
            laterals[i - 1] = laterals[i - 1] + up

        outs = [conv(lat) for conv, lat in zip(self.fpn_convs, laterals)]
        outs.append(F.max_pool2d(outs[-1], 1, stride=2))
        return tuple(outs)

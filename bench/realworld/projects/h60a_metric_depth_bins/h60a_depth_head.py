# source: https://github.com/YvanYin/Metric3D/issues/159
# error: RuntimeError: Expected all tensors to be on the same device, but found at least two devices, cuda:1 and cpu!
# pattern: tensor-attribute-not-buffer
# shape: multi-file, class, helper
# bug-lines: 26, 32
# needs: torch
# cpu: no written where torch was not installed; not run
"""Bin-classification depth head: softmax over log-spaced depth bins, then expectation."""
import math

import torch
import torch.nn as nn
import torch.nn.functional as F


def compute_depth_expectation(prob, depth_values):
    depth_values = depth_values.view(1, -1, 1, 1)
    return torch.sum(prob * depth_values, dim=1, keepdim=True)


class DepthBinHead(nn.Module):
    def __init__(self, in_ch=256, num_bins=256, min_depth=0.1, max_depth=200.0):
        super().__init__()
        self.conv1 = nn.Conv2d(in_ch, in_ch // 2, 3, padding=1)
        self.conv2 = nn.Conv2d(in_ch // 2, num_bins, 1)
        self.depth_values = torch.exp(torch.linspace(math.log(min_depth), math.log(max_depth), num_bins))
        self.num_bins = num_bins

    def forward(self, feat, out_size):
        logits = self.conv2(F.relu(self.conv1(feat)))
        prob = F.softmax(logits, dim=1)
        depth = compute_depth_expectation(prob, self.depth_values)
        depth = F.interpolate(depth, size=out_size, mode="bilinear", align_corners=False)
        return depth, prob

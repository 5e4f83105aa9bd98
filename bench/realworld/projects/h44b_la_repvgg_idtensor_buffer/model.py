# source: https://github.com/Deci-AI/super-gradients/pull/632
# error: RuntimeError: Expected all tensors to be on the same device, but found at least two devices, cuda:0 and cpu!
# pattern: tensor-attribute-not-buffer
# shape: multi-file, class
# looks-like: tensor-attribute-not-buffer
# needs: torch
# cpu: no written where torch was not installed; not run
"""Siamese RepVGG-style encoder for bitemporal building change detection."""
import torch
import torch.nn as nn

from blocks import RepBlock


class SiameseRepCD(nn.Module):
    def __init__(self, width=32, depth=3):
        super().__init__()
        self.stem = nn.Conv2d(3, width, 3, stride=2, padding=1)
        self.blocks = nn.Sequential(*[RepBlock(width) for _ in range(depth)])
        self.head = nn.Conv2d(2 * width, 1, 1)

    def encode(self, x):
        return self.blocks(torch.relu(self.stem(x)))

    def forward(self, pre, post):
        return self.head(torch.cat([self.encode(pre), self.encode(post)], dim=1))

    def reparameterize(self):
        for block in self.blocks:
            block.reparameterize()
        return self

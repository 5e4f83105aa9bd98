# The same pairs, each an nn.Sequential inside an nn.ModuleList: all registered.
import torch.nn as nn


class Stack(nn.Module):
    def __init__(self, width=32, depth=3):
        super().__init__()
        self.stages = nn.ModuleList()
        for _ in range(depth):
            self.stages.append(nn.Sequential(nn.Linear(width, width), nn.ReLU()))

    def forward(self, x):
        for stage in self.stages:
            x = stage(x)
        return x

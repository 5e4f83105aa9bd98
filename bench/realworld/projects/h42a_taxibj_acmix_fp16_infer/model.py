# source: https://github.com/LeapLabTHU/ACmix/issues/21
# error: RuntimeError: Input type (torch.cuda.FloatTensor) and weight type (torch.cuda.HalfTensor) should be the same
# pattern: input-dtype-mismatch
# shape: multi-file, class
# needs: torch
# cpu: no written where torch was not installed; not run
"""Next-interval inflow/outflow predictor for TaxiBJ built from ACmix blocks."""
import torch
import torch.nn as nn

from layers import ACmixBlock


class CrowdFlowNet(nn.Module):
    def __init__(self, closeness=3, period=1, trend=1, channels=64, depth=4):
        super().__init__()
        in_ch = 2 * (closeness + period + trend)
        self.stem = nn.Conv2d(in_ch, channels, 3, padding=1)
        self.blocks = nn.Sequential(*[ACmixBlock(channels) for _ in range(depth)])
        self.ext = nn.Sequential(nn.Linear(28, 10), nn.ReLU(), nn.Linear(10, 2 * 32 * 32))
        self.head = nn.Conv2d(channels, 2, 3, padding=1)

    def forward(self, flows, external):
        h = self.blocks(torch.relu(self.stem(flows)))
        out = self.head(h) + self.ext(external).view(-1, 2, 32, 32)
        return torch.tanh(out)

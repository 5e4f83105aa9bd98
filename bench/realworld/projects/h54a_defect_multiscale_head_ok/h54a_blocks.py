# source: https://github.com/kefirski/pytorch_Highway/issues/1
# error: RuntimeError: Input type (torch.cuda.FloatTensor) and weight type (torch.FloatTensor) should be the same
# pattern: module-in-plain-container
# shape: multi-file, helper, class
# looks-like: module-in-plain-container
# needs: torch
# cpu: no written where torch was not installed; not run
import torch.nn as nn


def conv_bn_act(cin, cout, stride=1):
    return [nn.Conv2d(cin, cout, 3, stride=stride, padding=1, bias=False),
            nn.BatchNorm2d(cout), nn.SiLU(inplace=True)]


def make_stage(cin, cout, depth):
    layers = []
    layers.extend(conv_bn_act(cin, cout, stride=2))
    for _ in range(depth - 1):
        layers.extend(conv_bn_act(cout, cout))
    return nn.Sequential(*layers)


class DefectHead(nn.Module):
    """Per-scale 1x1 head producing a defect logit map."""

    def __init__(self, channels):
        super().__init__()
        self.reduce = nn.Conv2d(channels, 64, 1)
        self.logit = nn.Conv2d(64, 1, 1)

    def forward(self, x):
        return self.logit(nn.functional.relu(self.reduce(x)))

# source: https://github.com/Adlik/zen_nas/issues/7
# error: RuntimeError: Input type (torch.cuda.FloatTensor) and weight type (torch.FloatTensor) should be the same
# pattern: module-in-plain-container
# shape: multi-file, class
# bug-lines: 54
# needs: torch
# cpu: no written where torch was not installed; not run
"""PlainNet: a network described by a structure string such as 'ConvK3BNRELU(3,32,2);ResK3K3(32,64,2)'."""
import re

import torch.nn as nn


class ConvK3BNRELU(nn.Module):
    def __init__(self, in_c, out_c, stride):
        super().__init__()
        self.out_channels = out_c
        self.body = nn.Sequential(nn.Conv2d(in_c, out_c, 3, stride, 1, bias=False),
                                  nn.BatchNorm2d(out_c), nn.ReLU(inplace=True))

    def forward(self, x):
        return self.body(x)


class ResK3K3(nn.Module):
    def __init__(self, in_c, out_c, stride):
        super().__init__()
        self.out_channels = out_c
        self.conv1 = ConvK3BNRELU(in_c, out_c, stride)
        self.conv2 = nn.Sequential(nn.Conv2d(out_c, out_c, 3, 1, 1, bias=False), nn.BatchNorm2d(out_c))
        self.proj = nn.Conv2d(in_c, out_c, 1, stride, bias=False) if (in_c != out_c or stride != 1) else None

    def forward(self, x):
        shortcut = x if self.proj is None else self.proj(x)
        return nn.functional.relu(self.conv2(self.conv1(x)) + shortcut)


BLOCK_TYPES = {"ConvK3BNRELU": ConvK3BNRELU, "ResK3K3": ResK3K3}


def create_netblock_list_from_str(struct_str):
    blocks = []
    for name, args in re.findall(r"(\w+)\(([\d,\s]+)\)", struct_str):
        in_c, out_c, stride = (int(a) for a in args.split(","))
        blocks.append(BLOCK_TYPES[name](in_c, out_c, stride))
    return blocks


class PlainNet(nn.Module):
    def __init__(self, plainnet_struct, num_classes=1000):
        super().__init__()
        self.plainnet_struct = plainnet_struct
        self.num_classes = num_classes
        self.block_list = create_netblock_list_from_str(plainnet_struct)
        self.last_channels = self.block_list[-1].out_channels

    def forward(self, x):
        for block in self.block_list:
            x = block(x)
        return x

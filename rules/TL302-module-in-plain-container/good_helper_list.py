import torch.nn as nn


class Stem(nn.Module):
    def __init__(self, c_in, c_out):
        super().__init__()
        self.conv = nn.Conv2d(c_in, c_out, 3, padding=1)

    def forward(self, x):
        return self.conv(x).relu()


BLOCKS = {"stem": Stem}


def build_blocks(spec):
    blocks = []
    for kind, c_in, c_out in spec:
        blocks.append(BLOCKS[kind](c_in, c_out))
    return blocks


def widths(spec):
    # numbers, not modules
    out = []
    for _, _, c_out in spec:
        out.append(c_out)
    return out


class Backbone(nn.Module):
    def __init__(self, spec):
        super().__init__()
        # wrapped: registered, moved and saved with the model
        self.blocks = nn.ModuleList(build_blocks(spec))
        self.widths = widths(spec)

    def forward(self, x):
        for block in self.blocks:
            x = block(x)
        return x

import torch.nn as nn


class Stem(nn.Module):
    def __init__(self, c_in, c_out):
        super().__init__()
        self.conv = nn.Conv2d(c_in, c_out, 3, padding=1)

    def forward(self, x):
        return self.conv(x).relu()


class Down(nn.Module):
    def __init__(self, c_in, c_out):
        super().__init__()
        self.conv = nn.Conv2d(c_in, c_out, 3, stride=2, padding=1)

    def forward(self, x):
        return self.conv(x).relu()


# A table of the file's block classes, looked up by the names a config spells.
BLOCKS = {"stem": Stem, "down": Down}


def build_blocks(spec):
    blocks = []
    for kind, c_in, c_out in spec:
        blocks.append(BLOCKS[kind](c_in, c_out))
    return blocks


def heads(widths, classes):
    return [nn.Linear(w, classes) for w in widths]


class Backbone(nn.Module):
    def __init__(self, spec, classes):
        super().__init__()
        self.blocks = build_blocks(spec)  # expect: TL302:9 lines=26
        self.heads = heads([c for _, _, c in spec], classes)  # expect: TL302:9 lines=33

    def forward(self, x):
        outs = []
        for block, head in zip(self.blocks, self.heads):
            x = block(x)
            outs.append(head(x.mean((2, 3))))
        return outs

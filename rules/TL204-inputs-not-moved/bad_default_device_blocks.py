# The rotary tables are built in forward by a helper whose device defaults to None,
# and handed to each block: made on the CPU while the blocks run on the GPU. The
# call that leaves the default is the line to change.
import torch
from torch import nn


def rope_tables(seq_len, dim, device=None):
    inv = 1.0 / (10000 ** (torch.arange(0, dim, 2, device=device).float() / dim))
    angles = torch.outer(torch.arange(seq_len, device=device).float(), inv).repeat(1, 2)
    return angles.cos(), angles.sin()


class Tiny(nn.Module):
    def __init__(self, vocab=1000, dim=64, layers=2):
        super().__init__()
        self.embed = nn.Embedding(vocab, dim)
        self.blocks = nn.ModuleList(Block(dim) for _ in range(layers))

    def forward(self, ids):
        cos, sin = rope_tables(ids.size(1), 64)  # expect: TL204:20 lines=10,38,34
        x = self.embed(ids)
        for block in self.blocks:
            x = x + block(x, cos, sin)
        return x


class Block(nn.Module):
    def __init__(self, dim):
        super().__init__()
        self.proj = nn.Linear(dim, dim)

    def forward(self, x, cos, sin):
        return self.proj(x * cos + x.roll(1, -1) * sin)


if __name__ == "__main__":
    model = Tiny().to("cuda")
    print(model(torch.randint(0, 1000, (2, 16), device="cuda")).shape)

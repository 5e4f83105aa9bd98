# source: https://github.com/huggingface/pytorch-image-models/issues/820
# error: RuntimeError: Tensor for argument #2 'weight' is on CPU, but expected it to be on GPU
# pattern: module-in-plain-container
# shape: class, helper
# looks-like: module-in-plain-container
# needs: torch
# cpu: no written where torch was not installed; not run
"""Hierarchical conv-attention backbone: per-level blocks are collected in a list first."""
import torch
import torch.nn as nn


class ConvPool(nn.Module):
    def __init__(self, c_in, c_out):
        super().__init__()
        self.conv = nn.Conv2d(c_in, c_out, 3, padding=1)
        self.norm = nn.BatchNorm2d(c_out)
        self.pool = nn.MaxPool2d(3, stride=2, padding=1)

    def forward(self, x):
        return self.pool(self.norm(self.conv(x)))


class AttnBlock(nn.Module):
    def __init__(self, dim, heads):
        super().__init__()
        self.norm = nn.LayerNorm(dim)
        self.attn = nn.MultiheadAttention(dim, heads, batch_first=True)
        self.mlp = nn.Sequential(nn.LayerNorm(dim), nn.Linear(dim, 4 * dim), nn.GELU(), nn.Linear(4 * dim, dim))

    def forward(self, x):
        b, c, h, w = x.shape
        seq = x.flatten(2).transpose(1, 2)
        q = self.norm(seq)
        seq = seq + self.attn(q, q, q, need_weights=False)[0]
        seq = seq + self.mlp(seq)
        return seq.transpose(1, 2).reshape(b, c, h, w)


def make_level(c_in, c_out, depth, heads):
    blocks = [ConvPool(c_in, c_out)] if c_in != c_out else []
    blocks += [AttnBlock(c_out, heads) for _ in range(depth)]
    return nn.Sequential(*blocks)


class NestedNet(nn.Module):
    def __init__(self, num_classes=1000, dims=(96, 192, 384), depths=(2, 2, 8), heads=(3, 6, 12)):
        super().__init__()
        self.dims = list(dims)
        self.stem = nn.Conv2d(3, dims[0], kernel_size=4, stride=4)
        levels = []
        prev = dims[0]
        for dim, depth, h in zip(dims, depths, heads):
            levels.append(make_level(prev, dim, depth, h))
            prev = dim
        self.levels = nn.Sequential(*levels)
        self.norm = nn.LayerNorm(self.dims[-1])
        self.head = nn.Linear(self.dims[-1], num_classes)

    def forward(self, x):
        x = self.levels(self.stem(x))
        return self.head(self.norm(x.mean(dim=(2, 3))))


if __name__ == "__main__":
    device = torch.device("cuda" if torch.cuda.is_available() else "cpu")
    model = NestedNet(num_classes=100).to(device)
    images = torch.randn(8, 3, 224, 224, device=device)
    with torch.no_grad():
        print(model(images).shape)

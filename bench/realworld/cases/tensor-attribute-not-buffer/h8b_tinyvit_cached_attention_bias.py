# source: https://github.com/ChaoningZhang/MobileSAM/pull/47
# error: RuntimeError: Expected all tensors to be on the same device, but found at least two devices, cuda:0 and cpu!
# pattern: tensor-attribute-not-buffer
# shape: class, helper
# bug-lines: 42
# needs: torch
# cpu: no written where torch was not installed; not run
import itertools

import torch
import torch.nn as nn


class Attention(nn.Module):
    def __init__(self, dim, key_dim, num_heads=8, resolution=(14, 14)):
        super().__init__()
        self.num_heads = num_heads
        self.key_dim = key_dim
        self.scale = key_dim ** -0.5
        self.norm = nn.LayerNorm(dim)
        self.qkv = nn.Linear(dim, num_heads * key_dim * 3)
        self.proj = nn.Linear(num_heads * key_dim, dim)

        points = list(itertools.product(range(resolution[0]), range(resolution[1])))
        offsets, idxs = {}, []
        for p1 in points:
            for p2 in points:
                off = (abs(p1[0] - p2[0]), abs(p1[1] - p2[1]))
                if off not in offsets:
                    offsets[off] = len(offsets)
                idxs.append(offsets[off])
        n = len(points)
        self.attention_biases = nn.Parameter(torch.zeros(num_heads, len(offsets)))
        self.register_buffer("attention_bias_idxs", torch.tensor(idxs, dtype=torch.long).view(n, n), persistent=False)

    @torch.no_grad()
    def train(self, mode=True):
        super().train(mode)
        if mode and hasattr(self, "ab"):
            del self.ab
        else:
            self.ab = self.attention_biases[:, self.attention_bias_idxs]

    def forward(self, x):
        b, n, _ = x.shape
        qkv = self.qkv(self.norm(x)).view(b, n, self.num_heads, 3, self.key_dim)
        q, k, v = qkv.permute(3, 0, 2, 1, 4)
        bias = self.attention_biases[:, self.attention_bias_idxs] if self.training else self.ab
        attn = ((q @ k.transpose(-2, -1)) * self.scale + bias).softmax(dim=-1)
        out = (attn @ v).transpose(1, 2).reshape(b, n, -1)
        return self.proj(out)


class TinyImageEncoder(nn.Module):
    def __init__(self, dim=160, depth=2, resolution=(14, 14)):
        super().__init__()
        self.patch_embed = nn.Conv2d(3, dim, kernel_size=16, stride=16)
        self.blocks = nn.ModuleList(Attention(dim, 32, 5, resolution) for _ in range(depth))

    def forward(self, images):
        x = self.patch_embed(images).flatten(2).transpose(1, 2)
        for blk in self.blocks:
            x = x + blk(x)
        return x


def build_encoder(checkpoint=None):
    encoder = TinyImageEncoder()
    if checkpoint is not None:
        encoder.load_state_dict(torch.load(checkpoint, map_location="cpu"))
    encoder.eval()
    return encoder


if __name__ == "__main__":
    device = "cuda" if torch.cuda.is_available() else "cpu"
    encoder = build_encoder()
    encoder.to(device=device)
    with torch.no_grad():
        print(encoder(torch.randn(1, 3, 224, 224, device=device)).shape)

# source: https://github.com/torchgeo/torchgeo/pull/3232
# error: RuntimeError: Expected all tensors to be on the same device, but found at least two devices, cuda:0 and cpu!
# pattern: tensor-attribute-not-buffer
# shape: class, helper
# bug-lines: 51
# needs: torch, einops
# cpu: no written where torch was not installed; not run
import itertools
import math

import torch
import torch.nn as nn
from einops import rearrange


def get_2dalibi(num_heads: int, num_patches: int) -> torch.Tensor:
    """2D ALiBi: a per-head linear penalty on the euclidean distance between patches."""
    side = int(math.sqrt(num_patches))
    points = list(itertools.product(range(side), range(side)))
    ratio = 2 ** (-8 / num_heads)
    slopes = torch.tensor([ratio ** (i + 1) for i in range(num_heads)]).view(num_heads, 1, 1)
    idxs = torch.tensor([[math.dist(p1, p2) for p2 in points] for p1 in points])
    return (-slopes * idxs.unsqueeze(0)).unsqueeze(0)  # (1, heads, n, n)


class Attention(nn.Module):
    def __init__(self, dim, heads):
        super().__init__()
        self.heads, self.scale = heads, (dim // heads) ** -0.5
        self.to_qkv = nn.Linear(dim, dim * 3, bias=False)
        self.to_out = nn.Linear(dim, dim)

    def forward(self, x, attn_bias):
        q, k, v = (rearrange(t, "b n (h d) -> b h n d", h=self.heads) for t in self.to_qkv(x).chunk(3, -1))
        attn = (q @ k.transpose(-1, -2)) * self.scale + attn_bias
        out = attn.softmax(dim=-1) @ v
        return self.to_out(rearrange(out, "b h n d -> b n (h d)"))


class CROMAEncoder(nn.Module):
    def __init__(self, in_chans=12, dim=768, depth=12, heads=16, image_size=120, patch_size=8):
        super().__init__()
        self.num_patches = (image_size // patch_size) ** 2
        self.patch_embed = nn.Unfold(patch_size, stride=patch_size)
        self.proj = nn.Linear(in_chans * patch_size * patch_size, dim)
        self.layers = nn.ModuleList(
            nn.ModuleList([nn.LayerNorm(dim), Attention(dim, heads), nn.LayerNorm(dim),
                           nn.Sequential(nn.Linear(dim, 4 * dim), nn.GELU(), nn.Linear(4 * dim, dim))])
            for _ in range(depth))
        self.norm_out = nn.LayerNorm(dim)
        self.attn_bias = get_2dalibi(heads, self.num_patches)

    def forward(self, x):
        tokens = self.proj(self.patch_embed(x).transpose(1, 2))
        for norm1, attn, norm2, mlp in self.layers:
            tokens = tokens + attn(norm1(tokens), self.attn_bias)
            tokens = tokens + mlp(norm2(tokens))
        return self.norm_out(tokens)


if __name__ == "__main__":
    device = torch.device("cuda" if torch.cuda.is_available() else "cpu")
    encoder = CROMAEncoder().to(device).eval()
    state = torch.load("CROMA_base_optical.pt", map_location="cpu")
    encoder.load_state_dict(state, strict=False)
    s2_patches = torch.randn(8, 12, 120, 120, device=device)
    with torch.no_grad():
        features = encoder(s2_patches).mean(dim=1)
    print(features.shape)

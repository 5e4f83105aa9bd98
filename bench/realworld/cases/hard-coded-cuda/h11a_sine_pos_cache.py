# source: https://github.com/facebookresearch/sam3/pull/592
# error: AssertionError: Torch not compiled with CUDA enabled
# pattern: hard-coded-cuda
# shape: class, helper
# bug-lines: 37
# needs: torch
# cpu: no written where torch was not installed; not run
"""Image encoder with a precomputed sine positional-encoding cache."""
import argparse
import math

import torch
import torch.nn as nn


class PositionEmbeddingSine(nn.Module):
    def __init__(self, num_pos_feats=128, temperature=10000, feat_sizes=((64, 64), (32, 32))):
        super().__init__()
        self.num_pos_feats = num_pos_feats
        self.temperature = temperature
        self.cache = {}
        for h, w in feat_sizes:
            self.cache[(h, w)] = self._encode(h, w)

    def _encode(self, h, w):
        y = torch.arange(1, h + 1, dtype=torch.float32).view(h, 1).expand(h, w)
        x = torch.arange(1, w + 1, dtype=torch.float32).view(1, w).expand(h, w)
        eps = 1e-6
        y = y / (h + eps) * 2 * math.pi
        x = x / (w + eps) * 2 * math.pi
        dim_t = torch.arange(self.num_pos_feats, dtype=torch.float32)
        dim_t = self.temperature ** (2 * (dim_t // 2) / self.num_pos_feats)
        pos_x = x[..., None] / dim_t
        pos_y = y[..., None] / dim_t
        pos_x = torch.stack((pos_x[..., 0::2].sin(), pos_x[..., 1::2].cos()), dim=-1).flatten(-2)
        pos_y = torch.stack((pos_y[..., 0::2].sin(), pos_y[..., 1::2].cos()), dim=-1).flatten(-2)
        return torch.cat((pos_y, pos_x), dim=-1).permute(2, 0, 1).to(device="cuda")

    def forward(self, feat):
        h, w = feat.shape[-2:]
        pos = self.cache.get((h, w))
        if pos is None:
            pos = self._encode(h, w)
            self.cache[(h, w)] = pos
        return pos.unsqueeze(0).expand(feat.shape[0], -1, -1, -1)


class PatchEncoder(nn.Module):
    def __init__(self, dim=256):
        super().__init__()
        self.stem = nn.Conv2d(3, dim, kernel_size=16, stride=16)
        self.pos = PositionEmbeddingSine(num_pos_feats=dim // 2)
        self.mix = nn.Conv2d(dim, dim, 3, padding=1)

    def forward(self, images):
        feat = self.stem(images)
        return self.mix(feat + self.pos(feat))


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--device", default="cuda" if torch.cuda.is_available() else "cpu")
    args = parser.parse_args()
    encoder = PatchEncoder().to(args.device).eval()
    with torch.no_grad():
        out = encoder(torch.rand(2, 3, 1024, 1024, device=args.device))
    print(out.shape)


if __name__ == "__main__":
    main()

# source: https://github.com/Clay-foundation/model/pull/95 https://github.com/Clay-foundation/model/pull/109
# error: RuntimeError: Expected all tensors to be on the same device, but found at least two devices, cuda:0 and cpu!
# pattern: tensor-attribute-not-buffer
# shape: multi-file, class, helper, loader-loop, batch-dict
# bug-lines: 28, 29, 45
# needs: torch, einops
# cpu: no written where torch was not installed; not run

import torch
from einops import rearrange, repeat
from torch import nn

from utils import sincos_1d, sincos_2d

BAND_GROUPS = {"visible": (0, 1), "rededge": (2, 3), "swir": (4, 5)}


class Encoder(nn.Module):
    def __init__(self, image_size=256, patch_size=32, dim=256, depth=4, heads=8, mask_ratio=0.75):
        super().__init__()
        self.patch_size = patch_size
        self.mask_ratio = mask_ratio
        side = image_size // patch_size
        self.patch_embedding = nn.ModuleDict({
            name: nn.Linear(len(bands) * patch_size * patch_size, dim) for name, bands in BAND_GROUPS.items()
        })
        # fixed (not learned) encodings, half of the channels each
        self.pos_encoding = sincos_2d(side, side, dim // 2)  # [L, D/2]
        self.band_encoding = sincos_1d(len(BAND_GROUPS), dim // 2)  # [G, D/2]
        self.mask_token = nn.Parameter(torch.zeros(1, 1, dim))
        layer = nn.TransformerEncoderLayer(dim, heads, dim * 4, batch_first=True, norm_first=True)
        self.transformer = nn.TransformerEncoder(layer, depth)

    def patchify(self, cube):
        groups = []
        for bands in BAND_GROUPS.values():
            g = cube[:, list(bands)]
            groups.append(rearrange(g, "b c (h p) (w q) -> b (h w) (c p q)", p=self.patch_size, q=self.patch_size))
        return torch.stack(groups, dim=1)  # [B G L C*P*P]

    def add_encodings(self, patches):
        _, G, L, _ = patches.shape
        pos = repeat(self.pos_encoding, "L D -> 1 G L D", G=G)
        band = repeat(self.band_encoding, "G D -> 1 G L D", L=L)
        return patches + torch.cat([pos, band], dim=-1)

    def forward(self, datacube):
        pixels = self.patchify(datacube["pixels"])
        tokens = torch.stack([self.patch_embedding[n](pixels[:, i]) for i, n in enumerate(BAND_GROUPS)], dim=1)
        tokens = rearrange(self.add_encodings(tokens), "B G L D -> B (G L) D")
        B, N, _ = tokens.shape
        masked = torch.rand(B, N, device=tokens.device) < self.mask_ratio
        tokens = torch.where(masked[..., None], self.mask_token.expand(B, N, -1), tokens)
        return self.transformer(tokens), masked, pixels

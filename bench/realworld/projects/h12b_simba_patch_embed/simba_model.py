# source: https://github.com/badripatro/simba/issues/15
# error: TypeError: expected TensorOptions(dtype=float, device=cpu, ...) (got TensorOptions(dtype=float, device=cuda:0, ...))
# pattern: legacy-tensor-constructor
# shape: multi-file, class
# bug-lines: 28
# needs: torch
# cpu: no written where torch was not installed; not run

import torch
import torch.nn as nn


class OverlapPatchEmbed(nn.Module):
    def __init__(self, in_chans, embed_dim, patch_size=7, stride=4):
        super().__init__()
        self.stride = stride
        self.conv = nn.Sequential(
            nn.Conv2d(in_chans, embed_dim, patch_size, stride, patch_size // 2),
            nn.BatchNorm2d(embed_dim),
        )
        self.norm = nn.LayerNorm(embed_dim)

    def forward(self, x):
        if x.dim() == 3:
            b, n, c = x.shape
            side = int(n ** 0.5)
            x = x.transpose(1, 2).reshape(b, c, side, side)
        x = self.conv(torch.FloatTensor(x))
        _, _, h, w = x.shape
        x = self.norm(x.flatten(2).transpose(1, 2))
        return x, h, w


class MixerBlock(nn.Module):
    def __init__(self, dim, mlp_ratio=4.0):
        super().__init__()
        self.norm1 = nn.LayerNorm(dim)
        self.token_mix = nn.Conv1d(dim, dim, 3, padding=1, groups=dim)
        self.norm2 = nn.LayerNorm(dim)
        self.mlp = nn.Sequential(nn.Linear(dim, int(dim * mlp_ratio)), nn.GELU(), nn.Linear(int(dim * mlp_ratio), dim))

    def forward(self, x):
        x = x + self.token_mix(self.norm1(x).transpose(1, 2)).transpose(1, 2)
        return x + self.mlp(self.norm2(x))


class SiMBALite(nn.Module):
    def __init__(self, num_classes=1000, dims=(64, 128, 320, 448), depths=(2, 2, 4, 2)):
        super().__init__()
        in_dims = (3,) + tuple(dims[:-1])
        self.patch_embeds = nn.ModuleList(
            [OverlapPatchEmbed(i, d, 7 if k == 0 else 3, 4 if k == 0 else 2) for k, (i, d) in enumerate(zip(in_dims, dims))]
        )
        self.stages = nn.ModuleList([nn.Sequential(*[MixerBlock(d) for _ in range(n)]) for d, n in zip(dims, depths)])
        self.head = nn.Linear(dims[-1], num_classes)

    def forward_embeddings(self, x):
        for patch_embed, stage in zip(self.patch_embeds, self.stages):
            x, h, w = patch_embed(x)
            x = stage(x)
        return x

    def forward(self, x):
        x = self.forward_embeddings(x)
        return self.head(x.mean(dim=1))

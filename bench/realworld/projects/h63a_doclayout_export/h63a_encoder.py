# source: https://github.com/docling-project/docling/issues/304
# error: RuntimeError: Expected all tensors to be on the same device, but found at least two devices, cuda:0 and cpu!
# pattern: cache-builder-cpu-default
# shape: multi-file, class
# bug-lines: 44
# needs: torch
# cpu: no written where torch was not installed; not run
"""Hybrid encoder + tiny backbone for a document layout detector."""
import torch
import torch.nn as nn
import torch.nn.functional as F

from h63a_posembed import build_2d_sincos_position_embedding


class EncoderLayer(nn.Module):
    def __init__(self, d_model=256, nhead=8, dim_ff=1024, dropout=0.0):
        super().__init__()
        self.attn = nn.MultiheadAttention(d_model, nhead, dropout=dropout, batch_first=True)
        self.ff = nn.Sequential(nn.Linear(d_model, dim_ff), nn.GELU(), nn.Linear(dim_ff, d_model))
        self.norm1 = nn.LayerNorm(d_model)
        self.norm2 = nn.LayerNorm(d_model)

    def forward(self, src, pos_embed=None):
        q = k = src if pos_embed is None else src + pos_embed
        src = self.norm1(src + self.attn(q, k, value=src)[0])
        return self.norm2(src + self.ff(src))


class HybridEncoder(nn.Module):
    def __init__(self, in_channels=(128, 256, 512), hidden_dim=256, pe_temperature=10000.0):
        super().__init__()
        self.hidden_dim = hidden_dim
        self.pe_temperature = pe_temperature
        self.input_proj = nn.ModuleList(
            nn.Sequential(nn.Conv2d(c, hidden_dim, 1, bias=False), nn.BatchNorm2d(hidden_dim))
            for c in in_channels)
        self.encoder_layer = EncoderLayer(hidden_dim)
        self._pos_cache = {}

    def _pos_embed(self, h, w):
        key = (h, w)
        if key not in self._pos_cache:
            self._pos_cache[key] = build_2d_sincos_position_embedding(w, h, self.hidden_dim, self.pe_temperature)
        return self._pos_cache[key]

    def forward(self, feats):
        proj = [p(f) for p, f in zip(self.input_proj, feats)]
        b, c, h, w = proj[-1].shape
        src = proj[-1].flatten(2).permute(0, 2, 1)
        memory = self.encoder_layer(src, pos_embed=self._pos_embed(h, w))
        proj[-1] = memory.permute(0, 2, 1).reshape(b, c, h, w)
        for i in range(len(proj) - 1, 0, -1):
            proj[i - 1] = proj[i - 1] + F.interpolate(proj[i], size=proj[i - 1].shape[-2:], mode="nearest")
        return proj


class LayoutDetector(nn.Module):
    def __init__(self, num_classes=11, hidden_dim=256):
        super().__init__()

        def stage(i, o):
            return nn.Sequential(nn.Conv2d(i, o, 3, stride=2, padding=1), nn.BatchNorm2d(o), nn.ReLU())

        self.stem = nn.Sequential(stage(3, 32), stage(32, 64))
        self.s3, self.s4, self.s5 = stage(64, 128), stage(128, 256), stage(256, 512)
        self.encoder = HybridEncoder((128, 256, 512), hidden_dim)
        self.cls_head = nn.Conv2d(hidden_dim, num_classes, 1)
        self.box_head = nn.Conv2d(hidden_dim, 4, 1)

    def forward(self, images):
        c3 = self.s3(self.stem(images))
        c4 = self.s4(c3)
        c5 = self.s5(c4)
        p3 = self.encoder([c3, c4, c5])[0]
        return self.cls_head(p3), self.box_head(p3).sigmoid()

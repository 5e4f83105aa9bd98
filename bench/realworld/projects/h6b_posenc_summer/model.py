# source: https://github.com/tatp22/multidim-positional-encoding/pull/31
# error: RuntimeError: Expected all tensors to be on the same device, but found at least two devices, cuda:0 and cpu!
# pattern: cache-builder-cpu-default
# shape: multi-file, class
# needs: torch
# cpu: no written where torch was not installed; not run
import torch
import torch.nn as nn

from pos_encodings import PositionalEncoding2D, Summer


class PatchTransformer(nn.Module):
    """Small ViT-style classifier: conv patch stem + 2D sinusoidal positions."""

    def __init__(self, num_classes=10, dim=128, patch=4, depth=4, heads=4):
        super().__init__()
        self.stem = nn.Conv2d(3, dim, kernel_size=patch, stride=patch)
        self.add_pos = Summer(PositionalEncoding2D(dim))
        layer = nn.TransformerEncoderLayer(d_model=dim, nhead=heads,
                                           dim_feedforward=dim * 4,
                                           batch_first=True)
        self.encoder = nn.TransformerEncoder(layer, num_layers=depth)
        self.norm = nn.LayerNorm(dim)
        self.head = nn.Linear(dim, num_classes)

    def forward(self, images):
        feats = self.stem(images)               # B, C, H, W
        feats = feats.permute(0, 2, 3, 1)       # B, H, W, C for the encoding
        feats = self.add_pos(feats)
        tokens = feats.flatten(1, 2)            # B, H*W, C
        tokens = self.encoder(tokens)
        return self.head(self.norm(tokens.mean(dim=1)))

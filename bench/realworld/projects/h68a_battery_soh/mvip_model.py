# source: https://github.com/Tianyou-Bai/NASA_Li-ion_Battery_SOH_Prediction_with_MVIP-Trans/issues/2
# error: RuntimeError: mat1 and mat2 must have the same dtype, but got Double and Float
# pattern: float64-input
# shape: multi-file, loader-loop, batch-dict
# needs: torch
# cpu: no written where torch was not installed; not run
import torch
import torch.nn as nn


class PatchSOHTransformer(nn.Module):
    """Treats a window of resampled cycles as an image and cuts it into patches."""

    def __init__(self, window=8, channels=4, points=128, patch=16, dim=64, depth=3):
        super().__init__()
        self.patch = patch
        n_patches = window * (points // patch)
        self.to_patch_embedding = nn.Sequential(
            nn.Linear(channels * patch, dim),
            nn.LayerNorm(dim),
        )
        self.cls = nn.Parameter(torch.zeros(1, 1, dim))
        self.pos = nn.Parameter(torch.randn(1, n_patches + 1, dim) * 0.02)
        layer = nn.TransformerEncoderLayer(dim, 4, 2 * dim, batch_first=True)
        self.encoder = nn.TransformerEncoder(layer, depth)
        self.head = nn.Sequential(nn.LayerNorm(dim), nn.Linear(dim, 1))

    def forward(self, img):
        b, w, c, p = img.shape
        x = img.reshape(b, w, c, p // self.patch, self.patch).permute(0, 1, 3, 2, 4)
        x = x.reshape(b, w * (p // self.patch), c * self.patch)
        x = self.to_patch_embedding(x)
        x = torch.cat([self.cls.expand(b, -1, -1), x], dim=1) + self.pos
        h = self.encoder(x)
        return self.head(h[:, 0]).squeeze(-1)

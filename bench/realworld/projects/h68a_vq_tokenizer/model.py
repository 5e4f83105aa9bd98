# source: https://github.com/lucidrains/vector-quantize-pytorch/issues/37
# error: RuntimeError: X1 and X2 must have the same device type. X1: cuda X2: cpu
# pattern: module-not-placed
# shape: multi-file, class, loader-loop
# needs: torch
# cpu: no written where torch was not installed; not run
import torch.nn as nn


class PatchEncoder(nn.Module):
    def __init__(self, in_ch=3, dim=256):
        super().__init__()
        self.net = nn.Sequential(
            nn.Conv2d(in_ch, 128, 4, stride=2, padding=1), nn.ReLU(),
            nn.Conv2d(128, dim, 4, stride=2, padding=1), nn.ReLU(),
            nn.Conv2d(dim, dim, 3, padding=1),
        )

    def forward(self, img):
        h = self.net(img)                      # (b, dim, h, w)
        return h.flatten(2).transpose(1, 2)    # (b, h*w, dim)


class PatchDecoder(nn.Module):
    def __init__(self, out_ch=3, dim=256, grid=16):
        super().__init__()
        self.grid = grid
        self.net = nn.Sequential(
            nn.ConvTranspose2d(dim, 128, 4, stride=2, padding=1), nn.ReLU(),
            nn.ConvTranspose2d(128, out_ch, 4, stride=2, padding=1), nn.Tanh(),
        )

    def forward(self, tokens):
        b, n, d = tokens.shape
        h = tokens.transpose(1, 2).reshape(b, d, self.grid, self.grid)
        return self.net(h)

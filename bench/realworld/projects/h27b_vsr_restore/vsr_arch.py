# source: https://github.com/ckkelvinchan/BasicVSR_PlusPlus/issues/38
# error: RuntimeError: Attempting to deserialize object on a CUDA device but torch.cuda.is_available() is False. If you are running on a CPU-only machine, please use torch.load with map_location=torch.device('cpu') to map your storages to the CPU.
# pattern: torch-load-map-location
# shape: multi-file, helper, loader-loop
# needs: torch
# cpu: raises "RuntimeError: Attempting to deserialize object on a CUDA device but torch.cuda.is_available() is False. If you are running on a CPU-only machine, please use torch.load with map_location=torch.device('cpu') to map your storages to the CPU."
"""A compact bidirectional recurrent video super-resolution network (BasicVSR-style, no flow)."""
import torch
import torch.nn as nn
import torch.nn.functional as F


class ResidualBlocks(nn.Module):
    def __init__(self, in_ch, mid_ch=64, num_blocks=15):
        super().__init__()
        self.head = nn.Conv2d(in_ch, mid_ch, 3, 1, 1)
        self.blocks = nn.ModuleList(
            nn.Sequential(nn.Conv2d(mid_ch, mid_ch, 3, 1, 1), nn.ReLU(inplace=True),
                          nn.Conv2d(mid_ch, mid_ch, 3, 1, 1))
            for _ in range(num_blocks))

    def forward(self, x):
        x = F.leaky_relu(self.head(x), 0.1)
        for blk in self.blocks:
            x = x + blk(x)
        return x


class RecurrentVSRNet(nn.Module):
    def __init__(self, mid_ch=64, num_blocks=15, scale=4):
        super().__init__()
        self.mid_ch, self.scale = mid_ch, scale
        self.backward_branch = ResidualBlocks(3 + mid_ch, mid_ch, num_blocks)
        self.forward_branch = ResidualBlocks(3 + mid_ch, mid_ch, num_blocks)
        self.fusion = nn.Conv2d(2 * mid_ch, mid_ch, 1)
        self.upsample = nn.Sequential(
            nn.Conv2d(mid_ch, mid_ch * 4, 3, 1, 1), nn.PixelShuffle(2), nn.LeakyReLU(0.1, inplace=True),
            nn.Conv2d(mid_ch, mid_ch * 4, 3, 1, 1), nn.PixelShuffle(2), nn.LeakyReLU(0.1, inplace=True),
            nn.Conv2d(mid_ch, 3, 3, 1, 1))

    def forward(self, lrs):
        n, t, c, h, w = lrs.shape
        feat = lrs.new_zeros(n, self.mid_ch, h, w)
        backward_feats = []
        for i in range(t - 1, -1, -1):
            feat = self.backward_branch(torch.cat([lrs[:, i], feat], dim=1))
            backward_feats.insert(0, feat)
        feat = torch.zeros_like(feat)
        outputs = []
        for i in range(t):
            feat = self.forward_branch(torch.cat([lrs[:, i], feat], dim=1))
            fused = F.leaky_relu(self.fusion(torch.cat([backward_feats[i], feat], dim=1)), 0.1)
            base = F.interpolate(lrs[:, i], scale_factor=self.scale, mode="bilinear", align_corners=False)
            outputs.append(self.upsample(fused) + base)
        return torch.stack(outputs, dim=1)

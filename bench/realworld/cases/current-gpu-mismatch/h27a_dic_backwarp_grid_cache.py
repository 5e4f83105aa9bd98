# source: https://github.com/LianpoWang/MaskDICNet/issues/23
# error: RuntimeError: Expected all tensors to be on the same device, but found at least two devices, cuda:1 and cuda:0!
# pattern: current-gpu-mismatch
# shape: helper, class
# looks-like: current-gpu-mismatch
# needs: torch
# cpu: no written where torch was not installed; not run
"""Speckle-image displacement refinement (digital image correlation) with a cached warping grid."""
import argparse

import torch
import torch.nn as nn
import torch.nn.functional as F

backwarp_grid = {}


def backwarp(ten_input, ten_flow):
    key = (str(ten_flow.shape), str(ten_flow.device))
    if key not in backwarp_grid:
        n, _, h, w = ten_flow.shape
        hor = torch.linspace(-1.0 + 1.0 / w, 1.0 - 1.0 / w, w).view(1, 1, 1, w).expand(n, -1, h, -1)
        ver = torch.linspace(-1.0 + 1.0 / h, 1.0 - 1.0 / h, h).view(1, 1, h, 1).expand(n, -1, -1, w)
        backwarp_grid[key] = torch.cat([hor, ver], 1).cuda(ten_flow.device)
    flow = torch.cat([ten_flow[:, 0:1] * (2.0 / (ten_input.shape[3] - 1.0)),
                      ten_flow[:, 1:2] * (2.0 / (ten_input.shape[2] - 1.0))], 1)
    grid = (backwarp_grid[key] + flow).permute(0, 2, 3, 1)
    return F.grid_sample(ten_input, grid, mode="bilinear", padding_mode="border", align_corners=False)


class RefineNet(nn.Module):
    def __init__(self):
        super().__init__()
        self.body = nn.Sequential(
            nn.Conv2d(4, 32, 3, padding=1), nn.LeakyReLU(0.1),
            nn.Conv2d(32, 32, 3, padding=1), nn.LeakyReLU(0.1),
            nn.Conv2d(32, 2, 3, padding=1),
        )

    def forward(self, ref, deformed, flow):
        warped = backwarp(deformed, flow)
        return flow + self.body(torch.cat([ref, warped, flow], 1))


if __name__ == "__main__":
    parser = argparse.ArgumentParser()
    parser.add_argument("--gpu", type=int, default=1)
    args = parser.parse_args()
    device = torch.device(f"cuda:{args.gpu}")
    net = RefineNet().to(device).eval()
    ref = torch.rand(2, 1, 256, 256, device=device)
    deformed = torch.rand(2, 1, 256, 256, device=device)
    flow = torch.zeros(2, 2, 256, 256, device=device)
    with torch.no_grad():
        for _ in range(3):
            flow = net(ref, deformed, flow)
    print(flow.abs().mean().item())

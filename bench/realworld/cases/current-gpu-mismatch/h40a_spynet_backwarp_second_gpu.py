# source: https://github.com/sniklaus/pytorch-spynet/issues/17
# error: RuntimeError: Expected all tensors to be on the same device, but found at least two devices, cuda:0 and cuda:1!
# pattern: current-gpu-mismatch
# shape: helper, class, top-level
# bug-lines: 25, 29
# needs: torch, numpy
# cpu: no written where torch was not installed; not run
"""Coarse-to-fine optical flow (SPyNet style) run on a chosen GPU of a shared box."""
import argparse

import numpy as np
import torch
import torch.nn as nn
import torch.nn.functional as F

backwarp_grid = {}


def backwarp(frame, flow):
    key = str(flow.shape)
    if key not in backwarp_grid:
        n, _, h, w = flow.shape
        hor = torch.linspace(-1.0 + 1.0 / w, 1.0 - 1.0 / w, w).view(1, 1, 1, w).expand(n, -1, h, -1)
        ver = torch.linspace(-1.0 + 1.0 / h, 1.0 - 1.0 / h, h).view(1, 1, h, 1).expand(n, -1, -1, w)
        backwarp_grid[key] = torch.cat([hor, ver], 1).cuda()
    flow = torch.cat([flow[:, 0:1] / ((frame.shape[3] - 1.0) / 2.0),
                      flow[:, 1:2] / ((frame.shape[2] - 1.0) / 2.0)], 1)
    return F.grid_sample(frame,
                         (backwarp_grid[key] + flow).permute(0, 2, 3, 1),
                         mode="bilinear", padding_mode="border", align_corners=False)


class Basic(nn.Module):
    def __init__(self):
        super().__init__()
        self.net = nn.Sequential(
            nn.Conv2d(8, 32, 7, padding=3), nn.ReLU(inplace=False),
            nn.Conv2d(32, 64, 7, padding=3), nn.ReLU(inplace=False),
            nn.Conv2d(64, 32, 7, padding=3), nn.ReLU(inplace=False),
            nn.Conv2d(32, 16, 7, padding=3), nn.ReLU(inplace=False),
            nn.Conv2d(16, 2, 7, padding=3))

    def forward(self, x):
        return self.net(x)


class SpyNet(nn.Module):
    def __init__(self, levels=5):
        super().__init__()
        self.basic = nn.ModuleList([Basic() for _ in range(levels)])

    def forward(self, first, second):
        firsts, seconds = [first], [second]
        for _ in range(len(self.basic) - 1):
            firsts.insert(0, F.avg_pool2d(firsts[0], 2, 2, count_include_pad=False))
            seconds.insert(0, F.avg_pool2d(seconds[0], 2, 2, count_include_pad=False))
        flow = firsts[0].new_zeros(first.shape[0], 2, firsts[0].shape[2] // 2, firsts[0].shape[3] // 2)
        for level, module in enumerate(self.basic):
            up = F.interpolate(flow, scale_factor=2, mode="bilinear", align_corners=True) * 2.0
            warped = backwarp(seconds[level], up)
            flow = module(torch.cat([firsts[level], warped, up], 1)) + up
        return flow


if __name__ == "__main__":
    parser = argparse.ArgumentParser()
    parser.add_argument("--gpu", type=int, default=1)
    parser.add_argument("--weights", default="spynet-sintel-final.pt")
    parser.add_argument("--frames", default="clip_frames.npy")
    args = parser.parse_args()

    device = torch.device(f"cuda:{args.gpu}")
    net = SpyNet().to(device).eval()
    net.load_state_dict(torch.load(args.weights, map_location=device))

    clip = np.load(args.frames).astype(np.float32) / 255.0
    frames = torch.from_numpy(clip).permute(0, 3, 1, 2).to(device)
    with torch.no_grad():
        for i in range(frames.shape[0] - 1):
            flow = net(frames[i:i + 1], frames[i + 1:i + 2])
            print(i, flow.abs().mean().item())

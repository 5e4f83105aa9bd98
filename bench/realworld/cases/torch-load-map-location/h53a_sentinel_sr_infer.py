# source: https://github.com/aatifjiwani/rgb-footprint-extract/issues/16
# error: RuntimeError: Attempting to deserialize object on a CUDA device but torch.cuda.is_available() is False. If you are running on a CPU-only machine, please use torch.load with map_location=torch.device('cpu') to map your storages to the CPU.
# pattern: torch-load-map-location
# shape: class
# bug-lines: 38
# needs: torch, numpy
# cpu: no written where torch was not installed; not run
"""Upsample Sentinel-2 L2A tiles (10 m -> 2.5 m) with a checkpoint trained on the GPU cluster."""
import argparse
from collections import OrderedDict

import numpy as np
import torch
import torch.nn as nn


class RCANLite(nn.Module):
    def __init__(self, bands=4, feats=64, scale=4, n_blocks=6):
        super().__init__()
        self.head = nn.Conv2d(bands, feats, 3, padding=1)
        self.body = nn.Sequential(*[
            nn.Sequential(nn.Conv2d(feats, feats, 3, padding=1), nn.ReLU(inplace=True))
            for _ in range(n_blocks)
        ])
        self.up = nn.Sequential(nn.Conv2d(feats, bands * scale * scale, 3, padding=1), nn.PixelShuffle(scale))

    def forward(self, x):
        f = self.head(x)
        return self.up(f + self.body(f))


class SuperResolver:
    def __init__(self, args):
        self.args = args
        use_cuda = not args.no_cuda and torch.cuda.is_available()
        self.device = torch.device("cuda" if use_cuda else "cpu")
        self.model = RCANLite(bands=args.bands, scale=args.scale)
        checkpoint = torch.load(args.resume)
        state = checkpoint["state_dict"]
        if args.no_cuda:
            # the checkpoint was written from nn.DataParallel on the training nodes
            state = OrderedDict((k.replace("module.", "", 1), v) for k, v in state.items())
        self.model.load_state_dict(state)
        self.model.to(self.device).eval()

    @torch.no_grad()
    def upsample_tile(self, tile):
        x = torch.from_numpy(tile.astype(np.float32) / 10000.0).unsqueeze(0).to(self.device)
        return self.model(x).squeeze(0).clamp(0, 1).cpu().numpy()


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--resume", required=True, help="best.pth.tar from the training run")
    parser.add_argument("--tiles", required=True, help=".npy stack (N, bands, H, W) of L2A reflectances")
    parser.add_argument("--out", default="sr_tiles.npy")
    parser.add_argument("--bands", type=int, default=4)
    parser.add_argument("--scale", type=int, default=4)
    parser.add_argument("--no-cuda", action="store_true", default=False)
    args = parser.parse_args()

    resolver = SuperResolver(args)
    tiles = np.load(args.tiles)
    np.save(args.out, np.stack([resolver.upsample_tile(t) for t in tiles]))


if __name__ == "__main__":
    main()

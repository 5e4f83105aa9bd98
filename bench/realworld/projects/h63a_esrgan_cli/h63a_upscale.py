# source: https://github.com/xinntao/ESRGAN/issues/88
# error: AssertionError: Torch not compiled with CUDA enabled
# pattern: hard-coded-cuda
# shape: multi-file, top-level, helper
# needs: torch
# cpu: no written where torch was not installed; not run
"""python h63a_upscale.py models/RRDB_ESRGAN_x4.pth LR/*.png --cpu"""
import argparse
import glob
import os

import torch

from h63a_image_io import read_image, split_tiles, write_image
from h63a_rrdb_net import RRDBNet

SCALE = 4


def upscale(model, img, tile, device):
    _, c, h, w = img.shape
    out = torch.zeros(1, c, h * SCALE, w * SCALE, device=device)
    for (y, x, y0, x0), patch in split_tiles(img, tile):
        with torch.no_grad():
            sr = model(patch.to(device))
        oy, ox = (y - y0) * SCALE, (x - x0) * SCALE
        th = min(tile, h - y) * SCALE
        tw = min(tile, w - x) * SCALE
        out[:, :, y * SCALE:y * SCALE + th, x * SCALE:x * SCALE + tw] = sr[:, :, oy:oy + th, ox:ox + tw]
    return out


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("model_path")
    parser.add_argument("inputs", nargs="+")
    parser.add_argument("--out-dir", default="results")
    parser.add_argument("--tile", type=int, default=256)
    parser.add_argument("--cpu", action="store_true", help="run on CPU (no GPU on this machine)")
    args = parser.parse_args()

    device = torch.device("cpu" if args.cpu or not torch.cuda.is_available() else "cuda")
    model = RRDBNet(3, 3, 64, 23, gc=32)
    model.load_state_dict(torch.load(args.model_path, map_location=device), strict=True)
    model = model.to(device).eval()

    os.makedirs(args.out_dir, exist_ok=True)
    for pattern in args.inputs:
        for path in sorted(glob.glob(pattern)):
            img = read_image(path)
            sr = upscale(model, img, args.tile, device)
            name = os.path.splitext(os.path.basename(path))[0]
            write_image(os.path.join(args.out_dir, f"{name}_x{SCALE}.png"), sr)
            print("done:", path)


if __name__ == "__main__":
    main()

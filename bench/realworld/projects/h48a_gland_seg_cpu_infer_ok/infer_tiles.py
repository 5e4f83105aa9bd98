# source: https://github.com/LikeLy-Journey/SegmenTron/issues/44
# error: RuntimeError: Attempting to deserialize object on a CUDA device but torch.cuda.is_available() is False. If you are running on a CPU-only machine, please use torch.load with map_location='cpu' to map your storages to the CPU.
# pattern: torch-load-map-location
# shape: multi-file, loader-loop
# looks-like: torch-load-map-location
# needs: torch, numpy, pillow
# cpu: no written where torch was not installed; not run
import argparse
import glob
import os

import numpy as np
import torch
from PIL import Image

from config import DEFAULTS, Config, resolve_device
from model_zoo import get_segmentation_model

MEAN = torch.tensor([0.787, 0.512, 0.784]).view(3, 1, 1)
STD = torch.tensor([0.160, 0.215, 0.120]).view(3, 1, 1)


def load_tile(path, size):
    img = Image.open(path).convert("RGB").resize((size, size))
    x = torch.from_numpy(np.asarray(img, dtype=np.float32) / 255.0).permute(2, 0, 1)
    return (x - MEAN) / STD


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--config", default=None)
    parser.add_argument("--tiles", default="data/glas/testA")
    parser.add_argument("--out", default="outputs/glas_masks")
    args = parser.parse_args()
    cfg = Config.from_yaml(args.config) if args.config else DEFAULTS
    device = resolve_device(cfg)
    model = get_segmentation_model(cfg).eval()
    os.makedirs(args.out, exist_ok=True)
    with torch.no_grad():
        for path in sorted(glob.glob(os.path.join(args.tiles, "*.bmp"))):
            x = load_tile(path, cfg.TEST.CROP_SIZE).unsqueeze(0).to(device)
            mask = model(x)["out"].argmax(1)[0].cpu().numpy().astype(np.uint8) * 255
            Image.fromarray(mask).save(os.path.join(args.out, os.path.basename(path)[:-4] + ".png"))


if __name__ == "__main__":
    main()

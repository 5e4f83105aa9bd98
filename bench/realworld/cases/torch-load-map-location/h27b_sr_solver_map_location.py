# source: https://github.com/supercaoO/WSR/issues/2
# error: RuntimeError: Attempting to deserialize object on a CUDA device but torch.cuda.is_available() is False. If you are running on a CPU-only machine, please use torch.load with map_location=torch.device('cpu') to map your storages to the CPU.
# pattern: torch-load-map-location
# looks-like: torch-load-map-location
# shape: class, helper
# needs: torch, numpy, pillow
# cpu: clean
"""Test-time solver for a x4 image super-resolution network trained with DataParallel on GPUs."""
import argparse
import os
from collections import OrderedDict

import numpy as np
import torch
import torch.nn as nn
from PIL import Image


class EDSRLite(nn.Module):
    def __init__(self, n_feats=64, n_blocks=8, scale=4):
        super().__init__()
        self.head = nn.Conv2d(3, n_feats, 3, padding=1)
        self.body = nn.Sequential(*[nn.Sequential(nn.Conv2d(n_feats, n_feats, 3, padding=1), nn.ReLU(True),
                                                  nn.Conv2d(n_feats, n_feats, 3, padding=1))
                                    for _ in range(n_blocks)])
        self.tail = nn.Sequential(nn.Conv2d(n_feats, 3 * scale ** 2, 3, padding=1), nn.PixelShuffle(scale))

    def forward(self, x):
        h = self.head(x)
        for blk in self.body:
            h = h + 0.1 * blk(h)
        return self.tail(h)


class SRSolver:
    def __init__(self, opt):
        self.use_gpu = torch.cuda.is_available() and not opt.cpu
        self.device = torch.device("cuda" if self.use_gpu else "cpu")
        self.model = EDSRLite(scale=opt.scale)
        if self.use_gpu and torch.cuda.device_count() > 1:
            self.model = nn.DataParallel(self.model)
        self.model.to(self.device)

    def load(self, model_path):
        checkpoint = torch.load(model_path, map_location=self.device)
        if "state_dict" in checkpoint:
            checkpoint = checkpoint["state_dict"]
        target = self.model.module if isinstance(self.model, nn.DataParallel) else self.model
        cleaned = OrderedDict((k.replace("module.", "", 1), v) for k, v in checkpoint.items())
        target.load_state_dict(cleaned)
        print(f"loaded {len(cleaned)} tensors from {model_path} onto {self.device}")

    @torch.no_grad()
    def test(self, lr_img):
        self.model.eval()
        x = torch.from_numpy(np.asarray(lr_img, dtype=np.float32) / 255.0).permute(2, 0, 1)[None]
        sr = self.model(x.to(self.device)).clamp(0, 1)[0]
        return Image.fromarray((sr.permute(1, 2, 0).cpu().numpy() * 255).round().astype(np.uint8))


if __name__ == "__main__":
    p = argparse.ArgumentParser()
    p.add_argument("--pretrained", required=True)
    p.add_argument("--input", required=True)
    p.add_argument("--output", default="results")
    p.add_argument("--scale", type=int, default=4)
    p.add_argument("--cpu", action="store_true")
    opt = p.parse_args()
    solver = SRSolver(opt)
    solver.load(opt.pretrained)
    os.makedirs(opt.output, exist_ok=True)
    for name in sorted(os.listdir(opt.input)):
        solver.test(Image.open(os.path.join(opt.input, name)).convert("RGB")).save(os.path.join(opt.output, name))

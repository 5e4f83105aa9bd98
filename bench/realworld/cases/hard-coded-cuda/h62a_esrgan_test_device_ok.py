# source: https://github.com/xinntao/ESRGAN/issues/3
# error: RuntimeError: cuda runtime error (35) : CUDA driver version is insufficient for CUDA runtime version at /pytorch/aten/src/THC/THCGeneral.cpp:74
# pattern: hard-coded-cuda
# shape: helper, loader-loop
# looks-like: hard-coded-cuda
# needs: torch, numpy, opencv-python
# cpu: no written where torch was not installed; not run
import argparse
import glob
import os

import cv2
import numpy as np
import torch
import torch.nn as nn
import torch.nn.functional as F


class RRDBNet(nn.Module):
    def __init__(self, nf=64, nb=16):
        super().__init__()
        self.conv_first = nn.Conv2d(3, nf, 3, 1, 1)
        self.body = nn.Sequential(*[nn.Sequential(nn.Conv2d(nf, nf, 3, 1, 1), nn.LeakyReLU(0.2)) for _ in range(nb)])
        self.up1, self.up2 = nn.Conv2d(nf, nf, 3, 1, 1), nn.Conv2d(nf, nf, 3, 1, 1)
        self.conv_last = nn.Conv2d(nf, 3, 3, 1, 1)

    def forward(self, x):
        fea = self.conv_first(x)
        fea = fea + self.body(fea)
        fea = F.leaky_relu(self.up1(F.interpolate(fea, scale_factor=2, mode="nearest")), 0.2)
        fea = F.leaky_relu(self.up2(F.interpolate(fea, scale_factor=2, mode="nearest")), 0.2)
        return self.conv_last(fea)


def pick_device(force_cpu):
    if not force_cpu and torch.cuda.is_available():
        return torch.device("cuda")
    return torch.device("cpu")


def load_generator(weights, device):
    model = RRDBNet()
    model.load_state_dict(torch.load(weights, map_location=device), strict=True)
    return model.eval().to(device)


@torch.no_grad()
def upscale_tiled(model, img, tile=256, scale=4):
    _, _, h, w = img.shape
    out = img.new_zeros(1, 3, h * scale, w * scale)
    for y in range(0, h, tile):
        for x in range(0, w, tile):
            sr = model(img[:, :, y:y + tile, x:x + tile])
            out[:, :, y * scale:y * scale + sr.shape[2], x * scale:x * scale + sr.shape[3]] = sr
    return out


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("weights")
    parser.add_argument("--input", default="LR")
    parser.add_argument("--output", default="results")
    parser.add_argument("--cpu", action="store_true", help="force CPU even when a GPU is present")
    args = parser.parse_args()

    device = pick_device(args.cpu)
    model = load_generator(args.weights, device)
    os.makedirs(args.output, exist_ok=True)
    for path in sorted(glob.glob(os.path.join(args.input, "*"))):
        img = cv2.imread(path, cv2.IMREAD_COLOR).astype(np.float32) / 255.0
        img_lr = torch.from_numpy(np.transpose(img[:, :, [2, 1, 0]], (2, 0, 1)).copy()).unsqueeze(0).to(device)
        sr = upscale_tiled(model, img_lr).squeeze(0).float().cpu().clamp_(0, 1).numpy()
        sr = (np.transpose(sr[[2, 1, 0], :, :], (1, 2, 0)) * 255.0).round().astype(np.uint8)
        cv2.imwrite(os.path.join(args.output, os.path.basename(path)), sr)
        if device.type == "cuda":
            torch.cuda.empty_cache()


if __name__ == "__main__":
    main()

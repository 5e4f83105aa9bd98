# source: https://github.com/fh2019ustc/DocTr/issues/25
# error: AssertionError: Torch not compiled with CUDA enabled
# pattern: hard-coded-cuda
# shape: helper, top-level
# bug-lines: 44, 55
# needs: torch, numpy, pillow
# cpu: no written where torch was not installed; not run
import argparse
import os

import numpy as np
import torch
import torch.nn as nn
import torch.nn.functional as F
from PIL import Image


class GeoRectifier(nn.Module):
    """Tiny stand-in for a segmentation + geometric-unwarping network."""

    def __init__(self):
        super().__init__()
        self.seg = nn.Sequential(nn.Conv2d(3, 16, 3, padding=1), nn.ReLU(), nn.Conv2d(16, 1, 1))
        self.flow = nn.Sequential(nn.Conv2d(3, 32, 3, padding=1), nn.ReLU(), nn.Conv2d(32, 2, 1))

    def forward(self, x):
        mask = torch.sigmoid(self.seg(x))
        flow = torch.tanh(self.flow(x * mask))
        return flow.permute(0, 2, 3, 1)


def reload_model(model, path):
    if not path:
        return model
    state = torch.load(path, map_location="cpu")
    model.load_state_dict({k.replace("module.", ""): v for k, v in state.items()})
    return model


def rec(opt):
    os.makedirs(opt.rec_path, exist_ok=True)
    names = sorted(os.listdir(opt.distorrted_path))

    model = GeoRectifier().cuda()
    model = reload_model(model, opt.GeoTr_path)
    model.eval()

    for name in names:
        im_ori = np.array(Image.open(os.path.join(opt.distorrted_path, name)).convert("RGB")) / 255.0
        h, w, _ = im_ori.shape
        im = np.array(Image.fromarray((im_ori * 255).astype(np.uint8)).resize((288, 288))) / 255.0
        im = torch.from_numpy(im.transpose(2, 0, 1)).float().unsqueeze(0)

        with torch.no_grad():
            grid = model(im.cuda()).cpu()
            grid = F.interpolate(grid.permute(0, 3, 1, 2), size=(h, w), mode="bilinear").permute(0, 2, 3, 1)
            src = torch.from_numpy(im_ori.transpose(2, 0, 1)).float().unsqueeze(0)
            out = F.grid_sample(src, grid, align_corners=True)[0]
        img = (out.permute(1, 2, 0).numpy() * 255).clip(0, 255).astype(np.uint8)
        Image.fromarray(img).save(os.path.join(opt.rec_path, name.split(".")[0] + "_rec.png"))


if __name__ == "__main__":
    parser = argparse.ArgumentParser()
    parser.add_argument("--distorrted_path", default="./distorted/")
    parser.add_argument("--rec_path", default="./rectified/")
    parser.add_argument("--GeoTr_path", default="")
    rec(parser.parse_args())

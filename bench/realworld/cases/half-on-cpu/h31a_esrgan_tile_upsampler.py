# source: https://github.com/xinntao/Real-ESRGAN/issues/319
# error: RuntimeError: "slow_conv2d_cpu" not implemented for 'Half'
# pattern: half-on-cpu
# shape: class, helper
# bug-lines: 43, 50
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


class TinyRRDBNet(nn.Module):
    def __init__(self, ch=64, scale=4):
        super().__init__()
        self.scale = scale
        self.head = nn.Conv2d(3, ch, 3, 1, 1)
        self.body = nn.Sequential(*[nn.Sequential(nn.Conv2d(ch, ch, 3, 1, 1), nn.LeakyReLU(0.2)) for _ in range(6)])
        self.tail = nn.Conv2d(ch, 3, 3, 1, 1)

    def forward(self, x):
        feat = self.head(x)
        feat = feat + self.body(feat)
        feat = F.interpolate(feat, scale_factor=self.scale, mode="nearest")
        return self.tail(feat)


class TileUpsampler:
    def __init__(self, weights, half=True):
        self.device = torch.device("cuda" if torch.cuda.is_available() else "cpu")
        self.half = half
        model = TinyRRDBNet()
        model.load_state_dict(torch.load(weights, map_location="cpu")["params_ema"])
        model.eval()
        self.model = model.to(self.device)
        if self.half:
            self.model = self.model.half()

    def pre_process(self, img_bgr):
        img = img_bgr.astype(np.float32) / 255.0
        img = torch.from_numpy(np.transpose(img[:, :, ::-1], (2, 0, 1)).copy())
        img = img.unsqueeze(0).to(self.device)
        if self.half:
            img = img.half()
        return img

    @torch.no_grad()
    def enhance(self, img_bgr):
        lr = self.pre_process(img_bgr)
        sr = self.model(lr)
        sr = sr.float().clamp_(0, 1).squeeze(0).cpu().numpy()
        sr = np.transpose(sr[[2, 1, 0], :, :], (1, 2, 0))
        return (sr * 255.0).round().astype(np.uint8)


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("-i", "--input", default="inputs")
    parser.add_argument("-o", "--output", default="results")
    parser.add_argument("--weights", default="weights/RealESRGAN_x4plus.pth")
    args = parser.parse_args()

    upsampler = TileUpsampler(args.weights)
    os.makedirs(args.output, exist_ok=True)
    for path in sorted(glob.glob(os.path.join(args.input, "*"))):
        img = cv2.imread(path, cv2.IMREAD_COLOR)
        out = upsampler.enhance(img)
        name = os.path.splitext(os.path.basename(path))[0]
        cv2.imwrite(os.path.join(args.output, f"{name}_out.png"), out)


if __name__ == "__main__":
    main()

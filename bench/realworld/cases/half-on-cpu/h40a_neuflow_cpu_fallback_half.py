# source: https://github.com/neufieldrobotics/NeuFlow_v2/issues/10
# error: RuntimeError: "slow_conv2d_cpu" not implemented for 'Half'
# pattern: half-on-cpu
# shape: helper, loader-loop, top-level
# bug-lines: 25, 64
# needs: torch, numpy
# cpu: no written where torch was not installed; not run
"""Fast optical flow inference over a folder of frames (uint8 .npy dumps)."""
import glob
import os

import numpy as np
import torch
import torch.nn as nn
import torch.nn.functional as F

IMAGE_H, IMAGE_W = 432, 768
DEVICE = torch.device("cuda" if torch.cuda.is_available() else "cpu")


def load_frame(path):
    img = np.load(path)
    img = torch.from_numpy(img).permute(2, 0, 1).float()
    img = F.interpolate(img[None], size=(IMAGE_H, IMAGE_W), mode="bilinear", align_corners=False)
    img = img.half()
    return img.to(DEVICE)


class ConvBlock(nn.Module):
    def __init__(self, cin, cout, stride):
        super().__init__()
        self.conv1 = nn.Conv2d(cin, cout, 3, stride, 1)
        self.conv2 = nn.Conv2d(cout, cout, 3, 1, 1)

    def forward(self, x):
        return F.gelu(self.conv2(F.gelu(self.conv1(x))))


class LiteFlow(nn.Module):
    def __init__(self, dim=64):
        super().__init__()
        self.encoder = nn.Sequential(ConvBlock(3, dim, 2), ConvBlock(dim, dim, 2), ConvBlock(dim, dim, 2))
        self.refine = nn.Sequential(ConvBlock(2 * dim, dim, 1), nn.Conv2d(dim, 2, 3, 1, 1))
        self.h = self.w = None

    def init_hw(self, h, w):
        self.h, self.w = h, w

    def forward(self, img0, img1):
        f0 = self.encoder(img0 / 255.0)
        f1 = self.encoder(img1 / 255.0)
        flow = self.refine(torch.cat([f0, f1], 1))
        return F.interpolate(flow, size=(self.h, self.w), mode="bilinear", align_corners=False) * 8.0


def main(frame_dir="frames", ckpt="liteflow_mixed.pth", out_dir="flows"):
    os.makedirs(out_dir, exist_ok=True)
    paths = sorted(glob.glob(os.path.join(frame_dir, "*.npy")))

    model = LiteFlow().to(DEVICE)
    state = torch.load(ckpt, map_location=DEVICE)
    model.load_state_dict(state["model"], strict=True)
    model.eval()
    model.half()
    model.init_hw(IMAGE_H, IMAGE_W)

    for path0, path1 in zip(paths[:-1], paths[1:]):
        frame0 = load_frame(path0)
        frame1 = load_frame(path1)
        with torch.no_grad():
            flow = model(frame0, frame1)[0]
        flow = flow.permute(1, 2, 0).float().cpu().numpy()
        name = os.path.splitext(os.path.basename(path0))[0]
        np.save(os.path.join(out_dir, name + "_flow.npy"), flow)
        print(name, float(np.abs(flow).mean()))


if __name__ == "__main__":
    main()

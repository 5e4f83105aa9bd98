# source: https://github.com/mlcommons/inference/pull/2087
# error: RuntimeError: Attempting to deserialize object on a CUDA device but torch.cuda.is_available() is False. If you are running on a CPU-only machine, please use torch.load with map_location=torch.device('cpu') to map your storages to the CPU.
# pattern: torch-load-map-location
# shape: multi-file, loader-loop
# looks-like: torch-load-map-location
# needs: torch, numpy, pillow
# cpu: no written where torch was not installed; not run
"""3D object detection on painted point clouds; runs in cpu-only mode as well as on GPU."""
import argparse
import glob
import os

import numpy as np
import torch
import torch.nn as nn
from PIL import Image

from h60a_ckpt_utils_ok import load_legacy_checkpoint, resolve_device
from h60a_painter_ok import Painter


class PointDetectorLite(nn.Module):
    def __init__(self, in_ch=9, num_anchors=2, box_dim=7):
        super().__init__()
        self.pfn = nn.Sequential(nn.Linear(in_ch, 64), nn.ReLU(), nn.Linear(64, 128), nn.ReLU())
        self.head = nn.Linear(128, num_anchors * (box_dim + 1))

    def forward(self, painted):  # (N, 9)
        feat = self.pfn(painted).max(dim=0).values
        return self.head(feat).view(-1, 8)


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--data", default="data/kitti_mini")
    parser.add_argument("--seg_ckpt", default="ckpts/painter_seg.pth")
    parser.add_argument("--det_ckpt", default="ckpts/pointpillars_painted.pth")
    parser.add_argument("--device", default="cuda")
    args = parser.parse_args()

    device = resolve_device(args.device)
    painter = Painter(args.seg_ckpt, device)
    detector = PointDetectorLite()
    detector.load_state_dict(load_legacy_checkpoint(args.det_ckpt))
    detector.to(device).eval()

    lidar2img = torch.from_numpy(np.loadtxt(os.path.join(args.data, "lidar2img.txt"), dtype=np.float32))
    for bin_path in sorted(glob.glob(os.path.join(args.data, "velodyne", "*.bin"))):
        frame = os.path.splitext(os.path.basename(bin_path))[0]
        points = torch.from_numpy(np.fromfile(bin_path, dtype=np.float32).reshape(-1, 4))
        img = np.asarray(Image.open(os.path.join(args.data, "image_2", frame + ".png")).convert("RGB"), dtype=np.float32)
        image = torch.from_numpy(img / 255.0).permute(2, 0, 1)
        painted = painter.paint(points, image, lidar2img)
        with torch.no_grad():
            boxes = detector(painted)
        print(frame, boxes[:, 0].sigmoid().max().item())


if __name__ == "__main__":
    main()

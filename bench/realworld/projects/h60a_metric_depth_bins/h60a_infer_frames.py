# source: https://github.com/YvanYin/Metric3D/issues/159
# error: RuntimeError: Expected all tensors to be on the same device, but found at least two devices, cuda:1 and cpu!
# pattern: tensor-attribute-not-buffer
# shape: multi-file, loader-loop, batch-dict
# needs: torch, numpy, pillow
# cpu: no written where torch was not installed; not run
"""Run metric depth on every frame of an extracted video folder, on a selectable GPU."""
import argparse
import glob
import os

import numpy as np
import torch
from PIL import Image

from h60a_network import MetricDepthNet


def load_rgb(path, size=(480, 640)):
    img = Image.open(path).convert("RGB").resize((size[1], size[0]), Image.BILINEAR)
    rgb = torch.from_numpy(np.asarray(img, dtype=np.float32) / 255.0).permute(2, 0, 1)
    mean = torch.tensor([0.485, 0.456, 0.406]).view(3, 1, 1)
    std = torch.tensor([0.229, 0.224, 0.225]).view(3, 1, 1)
    return (rgb - mean) / std


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--frames", required=True)
    parser.add_argument("--ckpt", default="weights/metric_depth.pth")
    parser.add_argument("--gpu", type=int, default=1)
    args = parser.parse_args()

    device = torch.device(f"cuda:{args.gpu}")
    model = MetricDepthNet()
    model.load_state_dict(torch.load(args.ckpt, map_location="cpu"), strict=False)
    model = model.to(device).eval()

    os.makedirs("depth_out", exist_ok=True)
    for path in sorted(glob.glob(os.path.join(args.frames, "*.png"))):
        rgb = load_rgb(path).unsqueeze(0).to(device)
        with torch.no_grad():
            pred_depth, confidence, _ = model.inference({"input": rgb})
        name = os.path.splitext(os.path.basename(path))[0]
        np.save(os.path.join("depth_out", name + ".npy"), pred_depth[0, 0].cpu().numpy())


if __name__ == "__main__":
    main()

# source: https://github.com/DepthAnything/Depth-Anything-V2/issues/45
# error: RuntimeError: Input type (torch.cuda.FloatTensor) and weight type (torch.FloatTensor) should be the same
# pattern: module-not-placed
# shape: multi-file, class, helper
# bug-lines: 38
# needs: torch, numpy, opencv-python
# cpu: no written where torch was not installed; not run
import argparse
import glob
import os

import cv2
import numpy as np
import torch

from dpt import RelativeDepthNet

MODEL_CONFIGS = {
    "vits": {"encoder": "vits", "features": 64, "embed_dim": 384},
    "vitb": {"encoder": "vitb", "features": 128, "embed_dim": 768},
}


def list_images(path):
    if os.path.isfile(path):
        return [path]
    return sorted(glob.glob(os.path.join(path, "**", "*.png"), recursive=True))


def main():
    parser = argparse.ArgumentParser(description="Relative depth for a folder of frames")
    parser.add_argument("--img-path", required=True)
    parser.add_argument("--outdir", default="./vis_depth")
    parser.add_argument("--encoder", default="vits", choices=list(MODEL_CONFIGS))
    parser.add_argument("--input-size", type=int, default=518)
    args = parser.parse_args()

    depth_model = RelativeDepthNet(**MODEL_CONFIGS[args.encoder])
    ckpt = f"checkpoints/depth_{args.encoder}.pth"
    depth_model.load_state_dict(torch.load(ckpt, map_location="cpu"))
    depth_model.eval()

    os.makedirs(args.outdir, exist_ok=True)
    for k, filename in enumerate(list_images(args.img_path)):
        raw_image = cv2.imread(filename)
        depth = depth_model.infer_image(raw_image, args.input_size)
        depth = (depth - depth.min()) / (depth.max() - depth.min() + 1e-8) * 255.0
        out_name = os.path.splitext(os.path.basename(filename))[0] + "_depth.png"
        cv2.imwrite(os.path.join(args.outdir, out_name), depth.astype(np.uint8))
        print(f"[{k}] {filename}")


if __name__ == "__main__":
    main()

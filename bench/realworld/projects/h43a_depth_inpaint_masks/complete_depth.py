# source: https://github.com/AlonzoLeeeooo/StableV2V/pull/14
# error: RuntimeError: Expected all tensors to be on the same device, but found at least two devices, cuda:0 and cpu!
# pattern: inputs-not-moved
# shape: multi-file, top-level, helper
# bug-lines: 45
# needs: torch
# cpu: no written where torch was not installed; not run
"""Complete the depth maps inside the edited region before re-rendering the video."""
import argparse
import os

import torch

from completion_net import DepthCompletionNet
from io_utils import binarize_tensor, load_sequence, save_sequence


def parse_args():
    p = argparse.ArgumentParser()
    p.add_argument("--depth_dir", required=True)
    p.add_argument("--mask_dir", required=True)
    p.add_argument("--shape_dir", required=True)
    p.add_argument("--ckpt", default="checkpoints/depth_completion.pth")
    p.add_argument("--outdir", default="outputs")
    return p.parse_args()


def main():
    args = parse_args()
    device = torch.device("cuda" if torch.cuda.is_available() else "cpu")

    completion_net = DepthCompletionNet()
    completion_net.load_state_dict(torch.load(args.ckpt, map_location="cpu"))
    completion_net = completion_net.to(device).eval()

    depth_maps_tensor = load_sequence(args.depth_dir)
    mask_tensor = binarize_tensor(load_sequence(args.mask_dir))
    shape_tensor = binarize_tensor(load_sequence(args.shape_dir))
    mask_tensor = torch.clamp(mask_tensor + shape_tensor, 0, 1)

    with torch.no_grad():
        pred_depth_maps, _ = completion_net(depth_maps_tensor.to(device), mask_tensor.to(device),
                                            shape_tensor.to(device))
    pred_depth_maps = pred_depth_maps.to(device)
    pred_depth_maps = (1 - mask_tensor) * depth_maps_tensor + mask_tensor * pred_depth_maps

    save_sequence(pred_depth_maps, os.path.join(args.outdir, "final_depth_maps"))


if __name__ == "__main__":
    main()

# source: https://github.com/yashbhalgat/HashNeRF-pytorch/issues/41
# error: RuntimeError: Expected all tensors to be on the same device, but found at least two devices, cuda:0 and cpu! (when checking argument for argument mat2 in method wrapper_CUDA_mm)
# pattern: inputs-not-moved
# shape: multi-file, helper, loader-loop
# bug-lines: 24, 25
# needs: torch, numpy, imageio
# cpu: no written where torch was not installed; not run
import json
import os

import imageio
import numpy as np
import torch

from ray_utils import get_ray_directions, get_rays


def get_bbox3d_for_blenderobj(meta, H, W, near, far, device):
    focal = 0.5 * W / np.tan(0.5 * meta["camera_angle_x"])
    directions = get_ray_directions(H, W, focal, device)
    lo = torch.full((3,), float("inf"), device=device)
    hi = torch.full((3,), -float("inf"), device=device)
    for frame in meta["frames"]:
        c2w = torch.tensor(frame["transform_matrix"], dtype=torch.float32)
        rays_o, rays_d = get_rays(directions, c2w)
        for t in (near, far):
            pts = rays_o + t * rays_d
            lo = torch.minimum(lo, pts.min(0).values)
            hi = torch.maximum(hi, pts.max(0).values)
    return lo - 1.0, hi + 1.0


def load_blender_data(basedir, device, testskip=8):
    metas, imgs, poses, counts = {}, [], [], [0]
    for split in ("train", "val", "test"):
        with open(os.path.join(basedir, f"transforms_{split}.json")) as fp:
            metas[split] = json.load(fp)
        skip = 1 if split == "train" else testskip
        for frame in metas[split]["frames"][::skip]:
            imgs.append(imageio.imread(os.path.join(basedir, frame["file_path"] + ".png")))
            poses.append(np.array(frame["transform_matrix"], dtype=np.float32))
        counts.append(len(imgs))
    imgs = (np.stack(imgs) / 255.0).astype(np.float32)
    H, W = imgs.shape[1:3]
    i_split = [np.arange(counts[i], counts[i + 1]) for i in range(3)]
    focal = 0.5 * W / np.tan(0.5 * metas["train"]["camera_angle_x"])
    bbox = get_bbox3d_for_blenderobj(metas["train"], H, W, near=2.0, far=6.0, device=device)
    return imgs, np.stack(poses), [H, W, focal], i_split, bbox

# source: https://github.com/yashbhalgat/HashNeRF-pytorch/issues/41
# error: RuntimeError: Expected all tensors to be on the same device, but found at least two devices, cuda:0 and cpu! (when checking argument for argument mat2 in method wrapper_CUDA_mm)
# pattern: inputs-not-moved
# shape: multi-file
# needs: torch, numpy
# cpu: no written where torch was not installed; not run
import argparse

import numpy as np
import torch

from load_blender import load_blender_data
from ray_utils import get_ray_directions, get_rays


def sample_training_rays(images, poses, hwf, i_train, device, n_rand=1024):
    H, W, focal = hwf
    img_i = int(np.random.choice(i_train))
    target = torch.from_numpy(images[img_i]).to(device)
    pose = torch.from_numpy(poses[img_i, :3, :4]).to(device)
    rays_o, rays_d = get_rays(get_ray_directions(H, W, focal, device), pose)
    select = torch.randint(0, H * W, (n_rand,), device=device)
    return rays_o[select], rays_d[select], target.reshape(-1, target.shape[-1])[select, :3]


def train():
    parser = argparse.ArgumentParser()
    parser.add_argument("--datadir", default="./data/nerf_synthetic/lego")
    args = parser.parse_args()
    device = torch.device("cuda" if torch.cuda.is_available() else "cpu")

    images, poses, hwf, i_split, bounding_box = load_blender_data(args.datadir, device)
    print("scene bounds", bounding_box)
    i_train = i_split[0]
    for step in range(3):
        rays_o, rays_d, target = sample_training_rays(images, poses, hwf, i_train, device)
        print(step, rays_o.shape, rays_d.shape, target.shape)


if __name__ == "__main__":
    train()

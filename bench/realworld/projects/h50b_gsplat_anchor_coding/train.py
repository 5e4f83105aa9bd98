# source: https://github.com/wyf0912/ContextGS/pull/11
# error: RuntimeError: Expected all tensors to be on the same device, but found at least two devices, cuda:0 and cpu! (when checking argument for argument index in method wrapper_CUDA__index_select)
# pattern: tensor-created-without-device
# shape: class, multi-file
# needs: torch, numpy
# cpu: no written where torch was not installed; not run
import argparse

import numpy as np
import torch

from gaussian_model import AnchorGaussianModel


def load_sfm_points(path, voxel=0.01):
    pts = np.loadtxt(path, usecols=(1, 2, 3), dtype=np.float32)
    pts = np.unique(np.round(pts / voxel), axis=0) * voxel
    return torch.from_numpy(pts.astype(np.float32))


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--points", default="sparse/0/points3D.txt")
    parser.add_argument("--iters", type=int, default=30000)
    parser.add_argument("--lambda_rate", type=float, default=4e-3)
    args = parser.parse_args()

    device = torch.device("cuda")
    gaussians = AnchorGaussianModel(load_sfm_points(args.points)).to(device)
    optim = torch.optim.Adam(gaussians.parameters(), lr=1e-3)

    for it in range(1, args.iters + 1):
        xyz = gaussians.get_neural_gaussians()
        geom_loss = xyz.var(dim=1).mean()
        loss = geom_loss
        if it > 10000:
            rate = gaussians.encode_process()
            grid = gaussians.multi_scale_positions()
            loss = loss + args.lambda_rate * rate + 1e-4 * grid.abs().mean()
        optim.zero_grad(set_to_none=True)
        loss.backward()
        optim.step()
        if it % 1000 == 0:
            print(f"[{it}] loss={loss.item():.5f}")


if __name__ == "__main__":
    main()

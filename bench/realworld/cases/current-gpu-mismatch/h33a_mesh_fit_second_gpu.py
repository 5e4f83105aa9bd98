# source: https://github.com/facebookresearch/pytorch3d/issues/157
# error: RuntimeError: Expected all tensors to be on the same device, but found at least two devices, cuda:1 and cuda:0!
# pattern: current-gpu-mismatch
# shape: helper, loader-loop
# bug-lines: 22, 35
# needs: torch, numpy, pytorch3d
# cpu: no written where torch was not installed; not run
import argparse

import numpy as np
import torch
from pytorch3d.loss import mesh_laplacian_smoothing, point_mesh_face_distance
from pytorch3d.structures import Pointclouds
from pytorch3d.utils import ico_sphere


def load_scan(path, n_points=20000):
    pts = np.load(path).astype(np.float32)
    pts = pts - pts.mean(0, keepdims=True)
    pts = pts / np.abs(pts).max()
    choice = np.random.choice(len(pts), size=min(n_points, len(pts)), replace=False)
    return torch.from_numpy(pts[choice]).cuda()


def fit_sphere_to_scan(scan_paths, device, steps=400, lr=1e-2):
    results = []
    for path in scan_paths:
        scan = load_scan(path)
        target = Pointclouds(points=[scan])
        src = ico_sphere(level=4, device=device)
        offsets = torch.zeros_like(src.verts_packed(), requires_grad=True)
        optim = torch.optim.Adam([offsets], lr=lr)
        for step in range(steps):
            mesh = src.offset_verts(offsets)
            loss = point_mesh_face_distance(mesh, target) + 0.1 * mesh_laplacian_smoothing(mesh)
            optim.zero_grad()
            loss.backward()
            optim.step()
        results.append(src.offset_verts(offsets.detach()))
        print(path, float(loss))
    return results


if __name__ == "__main__":
    parser = argparse.ArgumentParser()
    parser.add_argument("--gpu", type=int, default=1, help="GPU 0 is used by the renderer")
    parser.add_argument("scans", nargs="+")
    args = parser.parse_args()
    device = torch.device(f"cuda:{args.gpu}")
    fit_sphere_to_scan(args.scans, device)

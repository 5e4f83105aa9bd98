# source: https://github.com/facebookresearch/pytorch3d/issues/117
# error: RuntimeError: CUDA error: device-side assert triggered
# pattern: current-gpu-mismatch
# shape: helper, top-level
# looks-like: current-gpu-mismatch
# needs: torch, numpy
# cpu: no written where torch was not installed; not run
"""Deform a sphere mesh onto a scanned point cloud on a chosen GPU of a shared node."""
import argparse

import numpy as np
import torch


def uv_sphere(n_lat=24, n_lon=48):
    verts = [[0.0, 0.0, 1.0]]
    for i in range(1, n_lat):
        th = np.pi * i / n_lat
        verts += [[np.sin(th) * np.cos(2 * np.pi * j / n_lon), np.sin(th) * np.sin(2 * np.pi * j / n_lon), np.cos(th)]
                  for j in range(n_lon)]
    verts.append([0.0, 0.0, -1.0])
    ring = lambda i, j: 1 + (i - 1) * n_lon + (j % n_lon)
    faces = [[0, ring(1, j), ring(1, j + 1)] for j in range(n_lon)]
    for i in range(1, n_lat - 1):
        for j in range(n_lon):
            a, b, c, d = ring(i, j), ring(i, j + 1), ring(i + 1, j), ring(i + 1, j + 1)
            faces += [[a, c, b], [b, c, d]]
    south = len(verts) - 1
    faces += [[south, ring(n_lat - 1, j + 1), ring(n_lat - 1, j)] for j in range(n_lon)]
    return np.asarray(verts, np.float32), np.asarray(faces, np.int64)


def mesh_edges(faces):
    e = torch.cat([faces[:, [0, 1]], faces[:, [1, 2]], faces[:, [2, 0]]], dim=0)
    return torch.unique(torch.sort(e, dim=1).values, dim=0)


def chamfer(a, b):
    d = torch.cdist(a, b)
    return d.min(dim=1).values.pow(2).mean() + d.min(dim=0).values.pow(2).mean()


def laplacian_loss(verts, edges):
    nbr = torch.zeros_like(verts).index_add_(0, edges[:, 0], verts[edges[:, 1]]).index_add_(0, edges[:, 1], verts[edges[:, 0]])
    ones = torch.ones(edges.shape[0], device=verts.device)
    deg = torch.zeros(verts.shape[0], device=verts.device).index_add_(0, edges[:, 0], ones).index_add_(0, edges[:, 1], ones)
    return (verts - nbr / deg[:, None]).norm(dim=1).mean()


parser = argparse.ArgumentParser()
parser.add_argument("--target", default="scans/dolphin_points.npy")
parser.add_argument("--gpu", type=int, default=7)
parser.add_argument("--iters", type=int, default=2000)
args = parser.parse_args()

device = torch.device(f"cuda:{args.gpu}")
torch.cuda.set_device(device)  # custom kernels and bare .cuda() calls now target this card

verts_np, faces_np = uv_sphere()
src_verts = torch.from_numpy(verts_np).cuda()
edges = mesh_edges(torch.from_numpy(faces_np).cuda())
target = torch.from_numpy(np.load(args.target)).float().cuda()
target = (target - target.mean(0)) / target.norm(dim=1).max()

deform = torch.zeros_like(src_verts, requires_grad=True)
optimizer = torch.optim.SGD([deform], lr=1.0, momentum=0.9)
for it in range(args.iters):
    new_verts = src_verts + deform
    sample = target[torch.randint(0, target.shape[0], (5000,), device=device)]
    loss = chamfer(new_verts, sample) + 0.1 * laplacian_loss(new_verts, edges)
    optimizer.zero_grad()
    loss.backward()
    optimizer.step()
    if it % 250 == 0:
        print(f"iter {it}: loss {loss.item():.5f}")
np.save("fitted_verts.npy", (src_verts + deform).detach().cpu().numpy())

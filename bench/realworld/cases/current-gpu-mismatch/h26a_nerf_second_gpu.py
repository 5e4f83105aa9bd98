# source: https://github.com/yenchenlin/nerf-pytorch/issues/50
# error: RuntimeError: Expected all tensors to be on the same device, but found at least two devices, cuda:1 and cuda:0!
# pattern: current-gpu-mismatch
# shape: helper, top-level
# looks-like: current-gpu-mismatch
# needs: torch, numpy
# cpu: no written where torch was not installed; not run
import argparse

import numpy as np
import torch
import torch.nn as nn
import torch.nn.functional as F

parser = argparse.ArgumentParser()
parser.add_argument("--gpu", type=int, default=1)
parser.add_argument("--data", default="data/lego_400.npz")
parser.add_argument("--iters", type=int, default=20000)
args = parser.parse_args()

if not torch.cuda.is_available():
    raise SystemExit("train_nerf.py needs a CUDA device")
torch.cuda.set_device(args.gpu)
device = torch.device("cuda")


def get_rays(H, W, focal, c2w):
    j, i = torch.meshgrid(torch.arange(H, device="cuda", dtype=torch.float32),
                          torch.arange(W, device="cuda", dtype=torch.float32), indexing="ij")
    dirs = torch.stack([(i - W * 0.5) / focal, -(j - H * 0.5) / focal, -torch.ones_like(i)], -1)
    rays_d = torch.sum(dirs[..., None, :] * c2w[:3, :3], -1)
    return c2w[:3, -1].expand(rays_d.shape), rays_d


def render(model, rays_o, rays_d, near=2.0, far=6.0, n_samples=64):
    z = torch.linspace(near, far, n_samples, device="cuda")
    z = z + torch.rand(*rays_o.shape[:-1], n_samples, device="cuda") * (far - near) / n_samples
    raw = model(rays_o[..., None, :] + rays_d[..., None, :] * z[..., :, None])
    dists = torch.cat([z[..., 1:] - z[..., :-1], torch.full_like(z[..., :1], 1e10)], -1)
    alpha = 1.0 - torch.exp(-F.relu(raw[..., 3]) * dists)
    trans = torch.cumprod(torch.cat([torch.ones_like(alpha[..., :1]), 1.0 - alpha + 1e-10], -1), -1)[..., :-1]
    return ((alpha * trans)[..., None] * torch.sigmoid(raw[..., :3])).sum(-2)


data = np.load(args.data)
images = torch.from_numpy(data["images"]).float().to(device)
poses = torch.from_numpy(data["poses"]).float().to(device)
H, W, focal = images.shape[1], images.shape[2], float(data["focal"])

model = nn.Sequential(nn.Linear(3, 256), nn.ReLU(), nn.Linear(256, 256), nn.ReLU(), nn.Linear(256, 4)).to(device)
optimizer = torch.optim.Adam(model.parameters(), lr=5e-4)

for it in range(args.iters):
    k = np.random.randint(images.shape[0])
    rays_o, rays_d = get_rays(H, W, focal, poses[k, :3, :4])
    sel = torch.randint(0, H * W, (1024,), device=device)
    rgb = render(model, rays_o.reshape(-1, 3)[sel], rays_d.reshape(-1, 3)[sel])
    loss = F.mse_loss(rgb, images[k].reshape(-1, 3)[sel])
    optimizer.zero_grad()
    loss.backward()
    optimizer.step()
    if it % 500 == 0:
        print(f"[gpu {torch.cuda.current_device()}] iter {it} loss {loss.item():.5f}")

# source: https://github.com/yenchenlin/nerf-pytorch/pull/112
# error: AssertionError: Torch not compiled with CUDA enabled
# pattern: hard-coded-cuda
# shape: helper, top-level
# bug-lines: 18, 37
# needs: torch, numpy
# cpu: no written where torch was not installed; not run
import numpy as np
import torch
import torch.nn as nn
import torch.nn.functional as F

device = torch.device("cuda" if torch.cuda.is_available() else "cpu")


def raw2outputs(raw, z_vals, rays_d, white_bkgd=True):
    dists = z_vals[..., 1:] - z_vals[..., :-1]
    far = torch.tensor([1e10]).cuda().expand(dists[..., :1].shape)
    dists = torch.cat([dists, far], -1) * rays_d[..., None, :].norm(dim=-1)
    rgb = torch.sigmoid(raw[..., :3])
    alpha = 1.0 - torch.exp(-F.relu(raw[..., 3]) * dists)
    trans = torch.cumprod(torch.cat([torch.ones_like(alpha[..., :1]), 1.0 - alpha + 1e-10], -1), -1)[..., :-1]
    weights = alpha * trans
    rgb_map = (weights[..., None] * rgb).sum(-2)
    if white_bkgd:
        rgb_map = rgb_map + (1.0 - weights.sum(-1, keepdim=True))
    return rgb_map, weights


def stratified_z(near, far, n_rays, n_samples, perturb=True):
    t = torch.linspace(0.0, 1.0, n_samples, device=device)
    z = (near * (1.0 - t) + far * t).expand(n_rays, n_samples)
    if perturb:
        mids = 0.5 * (z[..., 1:] + z[..., :-1])
        upper = torch.cat([mids, z[..., -1:]], -1)
        lower = torch.cat([z[..., :1], mids], -1)
        z = lower + (upper - lower) * torch.rand(z.shape).cuda()
    return z


class TinyNeRF(nn.Module):
    def __init__(self, n_freqs=6, width=128):
        super().__init__()
        self.register_buffer("freqs", 2.0 ** torch.arange(n_freqs, dtype=torch.float32))
        self.net = nn.Sequential(nn.Linear(3 + 6 * n_freqs, width), nn.ReLU(),
                                 nn.Linear(width, width), nn.ReLU(), nn.Linear(width, 4))

    def forward(self, pts):
        enc = pts[..., None] * self.freqs
        return self.net(torch.cat([pts, enc.sin().flatten(-2), enc.cos().flatten(-2)], -1))


data = np.load("data/tiny_nerf_rays.npz")
rays_o = torch.from_numpy(data["rays_o"]).float().to(device)
rays_d = torch.from_numpy(data["rays_d"]).float().to(device)
target = torch.from_numpy(data["rgb"]).float().to(device)
model = TinyNeRF().to(device)
optimizer = torch.optim.Adam(model.parameters(), lr=5e-4)

for it in range(2000):
    idx = torch.randint(0, rays_o.shape[0], (1024,), device=device)
    z = stratified_z(2.0, 6.0, 1024, 64)
    pts = rays_o[idx, None, :] + rays_d[idx, None, :] * z[..., None]
    rgb_map, _ = raw2outputs(model(pts), z, rays_d[idx])
    loss = F.mse_loss(rgb_map, target[idx])
    optimizer.zero_grad()
    loss.backward()
    optimizer.step()
    if it % 100 == 0:
        print(f"iter {it} loss {loss.item():.5f} psnr {-10.0 * torch.log10(loss).item():.2f}")

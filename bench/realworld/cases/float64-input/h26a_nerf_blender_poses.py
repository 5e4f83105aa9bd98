# source: https://github.com/bennyguo/instant-nsr-pl/issues/66
# error: RuntimeError: mat1 and mat2 must have the same dtype, but got Double and Float
# pattern: float64-input
# shape: class, helper, loader-loop, batch-dict
# bug-lines: 37, 66
# needs: torch, numpy, PIL
# cpu: no written where torch was not installed; not run
import json, os
import numpy as np
import torch
import torch.nn as nn
from PIL import Image
from torch.utils.data import DataLoader, Dataset


def get_ray_directions(H, W, focal):
    j, i = torch.meshgrid(torch.arange(H, dtype=torch.float32), torch.arange(W, dtype=torch.float32), indexing="ij")
    return torch.stack([(i - W / 2) / focal, -(j - H / 2) / focal, -torch.ones_like(i)], -1)


def get_rays(directions, c2w):
    rays_d = torch.sum(directions[..., None, :] * c2w[:3, :3], -1)
    rays_d = rays_d / rays_d.norm(dim=-1, keepdim=True)
    rays_o = c2w[:3, 3].expand(rays_d.shape)
    return rays_o.reshape(-1, 3), rays_d.reshape(-1, 3)


class BlenderRays(Dataset):
    def __init__(self, root, split="train", img_wh=(400, 400)):
        with open(os.path.join(root, f"transforms_{split}.json")) as f:
            meta = json.load(f)
        W, H = img_wh
        focal = 0.5 * W / np.tan(0.5 * meta["camera_angle_x"])
        directions = get_ray_directions(H, W, focal)
        rays, rgbs = [], []
        for frame in meta["frames"]:
            c2w = torch.from_numpy(np.array(frame["transform_matrix"])[:3, :4])
            img = Image.open(os.path.join(root, frame["file_path"] + ".png")).convert("RGB").resize(img_wh)
            rgbs.append(torch.from_numpy(np.asarray(img, dtype=np.float32) / 255.0).reshape(-1, 3))
            rays_o, rays_d = get_rays(directions, c2w)
            rays.append(torch.cat([rays_o, rays_d], 1))
        self.rays, self.rgbs = torch.cat(rays), torch.cat(rgbs)

    def __len__(self): return len(self.rays)

    def __getitem__(self, idx):
        return {"rays": self.rays[idx], "rgbs": self.rgbs[idx]}


class NeRF(nn.Module):
    def __init__(self, n_freqs=10, width=256):
        super().__init__()
        self.register_buffer("freqs", 2.0 ** torch.arange(n_freqs, dtype=torch.float32))
        self.mlp = nn.Sequential(nn.Linear(3 + 6 * n_freqs, width), nn.ReLU(), nn.Linear(width, 4))

    def forward(self, pts):
        enc = pts[..., None] * self.freqs
        enc = torch.cat([pts, torch.sin(enc).flatten(-2), torch.cos(enc).flatten(-2)], -1)
        return self.mlp(enc)


def render_rays(model, rays, near=2.0, far=6.0, n_samples=64):
    rays_o, rays_d = rays[:, :3], rays[:, 3:]
    z = torch.linspace(near, far, n_samples, device=rays.device)
    pts = rays_o[:, None, :] + rays_d[:, None, :] * z[None, :, None]
    raw = model(pts)
    alpha = 1.0 - torch.exp(-torch.relu(raw[..., 3]) * (far - near) / n_samples)
    trans = torch.cumprod(torch.cat([torch.ones_like(alpha[:, :1]), 1.0 - alpha + 1e-10], -1), -1)[:, :-1]
    return ((alpha * trans)[..., None] * torch.sigmoid(raw[..., :3])).sum(1)


device = torch.device("cuda" if torch.cuda.is_available() else "cpu")
loader = DataLoader(BlenderRays("data/nerf_synthetic/lego"), batch_size=1024, shuffle=True)
model = NeRF().to(device)
optimizer = torch.optim.Adam(model.parameters(), lr=5e-4)
for step, batch in enumerate(loader):
    rays, rgbs = batch["rays"].to(device), batch["rgbs"].to(device)
    loss = ((render_rays(model, rays) - rgbs) ** 2).mean()
    optimizer.zero_grad(); loss.backward()
    optimizer.step()

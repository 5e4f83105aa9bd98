# source: https://github.com/dunbar12138/DSNeRF/issues/93
# error: RuntimeError: Expected all tensors to be on the same device, but found at least two devices, cuda:0 and cpu!
# pattern: legacy-tensor-constructor
# shape: helper, loader-loop
# bug-lines: 69
# needs: torch, numpy, imageio
# cpu: no written where torch was not installed; not run
"""Periodic test-set evaluation inside a NeRF training loop (depth-supervised variant)."""
import os

import imageio
import numpy as np
import torch

device = torch.device("cuda" if torch.cuda.is_available() else "cpu")

img2mse = lambda x, y: torch.mean((x - y) ** 2)
mse2psnr = lambda x: -10.0 * torch.log10(x)
to8b = lambda x: (255 * np.clip(x, 0, 1)).astype(np.uint8)


def get_rays(H, W, focal, c2w):
    i, j = torch.meshgrid(
        torch.arange(W, dtype=torch.float32, device=c2w.device),
        torch.arange(H, dtype=torch.float32, device=c2w.device),
        indexing="xy",
    )
    dirs = torch.stack([(i - W * 0.5) / focal, -(j - H * 0.5) / focal, -torch.ones_like(i)], -1)
    rays_d = torch.sum(dirs[..., None, :] * c2w[:3, :3], -1)
    rays_o = c2w[:3, -1].expand(rays_d.shape)
    return rays_o, rays_d


@torch.no_grad()
def render_path(render_fn, poses, hwf, chunk, savedir=None):
    H, W, focal = hwf
    rgbs = []
    for k, c2w in enumerate(poses):
        rays_o, rays_d = get_rays(H, W, focal, c2w[:3, :4])
        rays = torch.stack([rays_o, rays_d], 0).reshape(2, -1, 3)
        out = [render_fn(rays[:, s : s + chunk]) for s in range(0, rays.shape[1], chunk)]
        rgb = torch.cat(out, 0).reshape(H, W, 3).cpu().numpy()
        rgbs.append(rgb)
        if savedir is not None:
            imageio.imwrite(os.path.join(savedir, f"{k:03d}.png"), to8b(rgb))
    return np.stack(rgbs, 0)


def train(model, optimizer, ray_batches, images, poses, hwf, i_test, n_iters=50000, i_testset=5000):
    images = torch.from_numpy(images).to(device)
    poses = torch.from_numpy(poses).float().to(device)
    render_fn = lambda r: torch.sigmoid(model(torch.cat([r[0], r[1]], -1)))

    for step in range(1, n_iters + 1):
        batch_rays, target_rgb = next(ray_batches)
        batch_rays, target_rgb = batch_rays.to(device), target_rgb.to(device)
        rgb = render_fn(batch_rays)
        loss = img2mse(rgb, target_rgb)
        optimizer.zero_grad()
        loss.backward()
        optimizer.step()

        if step % i_testset == 0:
            testsavedir = os.path.join("logs", f"testset_{step:06d}")
            os.makedirs(testsavedir, exist_ok=True)
            model.eval()
            rgbs = render_path(render_fn, poses[i_test], hwf, chunk=4096, savedir=testsavedir)
            model.train()
            test_loss = img2mse(torch.Tensor(rgbs), images[i_test])
            print(f"[TEST] iter {step}: loss {test_loss.item():.5f} psnr {mse2psnr(test_loss).item():.2f}")

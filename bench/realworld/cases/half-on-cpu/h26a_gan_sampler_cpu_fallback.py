# source: https://github.com/XingangPan/DragGAN/issues/317
# error: RuntimeError: "slow_conv_transpose2d_out_cpu" not implemented for 'Half'
# pattern: half-on-cpu
# shape: helper, class
# looks-like: half-on-cpu
# needs: torch, torchvision
# cpu: no written where torch was not installed; not run
import argparse

import torch
import torch.nn as nn
from torchvision.utils import save_image


class Generator(nn.Module):
    def __init__(self, z_dim=128, ngf=64):
        super().__init__()
        self.z_dim = z_dim
        self.net = nn.Sequential(
            nn.ConvTranspose2d(z_dim, ngf * 8, 4, 1, 0), nn.BatchNorm2d(ngf * 8), nn.ReLU(True),
            nn.ConvTranspose2d(ngf * 8, ngf * 4, 4, 2, 1), nn.BatchNorm2d(ngf * 4), nn.ReLU(True),
            nn.ConvTranspose2d(ngf * 4, ngf * 2, 4, 2, 1), nn.BatchNorm2d(ngf * 2), nn.ReLU(True),
            nn.ConvTranspose2d(ngf * 2, 3, 4, 2, 1), nn.Tanh())

    def forward(self, z):
        return self.net(z.view(z.size(0), self.z_dim, 1, 1))


def pick_device_and_dtype(force_cpu=False):
    if torch.cuda.is_available() and not force_cpu:
        return torch.device("cuda"), torch.float16
    return torch.device("cpu"), torch.float32


def load_generator(path, device, dtype):
    ckpt = torch.load(path, map_location="cpu")
    G = Generator(ckpt["z_dim"])
    G.load_state_dict(ckpt["G_ema"])
    return G.to(device=device, dtype=dtype).eval()


@torch.no_grad()
def render_walk(G, steps, device, dtype, seed=0):
    gen = torch.Generator().manual_seed(seed)
    z0, z1 = torch.randn(2, G.z_dim, generator=gen)
    ts = torch.linspace(0.0, 1.0, steps).unsqueeze(1)
    zs = ((1 - ts) * z0 + ts * z1).to(device=device, dtype=dtype)
    return G(zs).float().cpu()


if __name__ == "__main__":
    parser = argparse.ArgumentParser()
    parser.add_argument("--ckpt", default="checkpoints/landscape_G.pt")
    parser.add_argument("--steps", type=int, default=16)
    parser.add_argument("--cpu", action="store_true")
    args = parser.parse_args()
    device, dtype = pick_device_and_dtype(args.cpu)
    G = load_generator(args.ckpt, device, dtype)
    frames = render_walk(G, args.steps, device, dtype)
    save_image(frames, "walk.png", nrow=args.steps, normalize=True, value_range=(-1, 1))

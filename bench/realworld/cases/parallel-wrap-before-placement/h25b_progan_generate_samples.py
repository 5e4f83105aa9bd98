# source: https://github.com/akanimax/pro_gan_pytorch/issues/48 https://github.com/akanimax/pro_gan_pytorch-examples/issues/2
# error: RuntimeError: module must have its parameters and buffers on device cuda:0 (device_ids[0]) but found one of them on device: cpu
# pattern: parallel-wrap-before-placement
# shape: helper, loader-loop
# bug-lines: 43, 65
# needs: torch, torchvision
# cpu: no written where torch was not installed; not run
"""Generate samples from a progressively grown GAN checkpoint (saved from a DataParallel run)."""
import argparse
import os

import torch
from torch import nn
from torchvision.utils import save_image


class ProGenerator(nn.Module):
    def __init__(self, depth=7, latent_size=512):
        super().__init__()
        self.latent_size = latent_size
        self.initial = nn.Sequential(nn.ConvTranspose2d(latent_size, latent_size, 4), nn.LeakyReLU(0.2))
        self.blocks = nn.ModuleList(
            nn.Sequential(nn.Upsample(scale_factor=2), nn.Conv2d(latent_size, latent_size, 3, padding=1),
                          nn.LeakyReLU(0.2))
            for _ in range(depth - 1)
        )
        self.to_rgb = nn.ModuleList(nn.Conv2d(latent_size, 3, 1) for _ in range(depth))

    def forward(self, z, depth, alpha=1.0):
        x = self.initial(z.view(-1, self.latent_size, 1, 1))
        if depth == 1:
            return torch.tanh(self.to_rgb[0](x))
        for block in self.blocks[: depth - 2]:
            x = block(x)
        cur = self.to_rgb[depth - 1](self.blocks[depth - 2](x))
        if alpha >= 1.0:
            return torch.tanh(cur)
        prev = nn.functional.interpolate(self.to_rgb[depth - 2](x), scale_factor=2)
        return torch.tanh(alpha * cur + (1 - alpha) * prev)


def load_generator(path, depth, latent_size, device):
    gen = nn.DataParallel(ProGenerator(depth=depth, latent_size=latent_size))
    gen.load_state_dict(torch.load(path, map_location=device))
    gen.eval()
    return gen


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--generator_file", required=True)
    parser.add_argument("--latent_size", type=int, default=512)
    parser.add_argument("--depth", type=int, default=7)
    parser.add_argument("--num_samples", type=int, default=300)
    parser.add_argument("--out_dir", default="generated_samples")
    args = parser.parse_args()

    device = torch.device("cuda" if torch.cuda.is_available() else "cpu")
    gen = load_generator(args.generator_file, args.depth, args.latent_size, device)
    os.makedirs(args.out_dir, exist_ok=True)
    for i in range(args.num_samples):
        noise = torch.randn(1, args.latent_size, device=device)
        noise = noise / noise.norm() * (args.latent_size ** 0.5)
        with torch.no_grad():
            img = gen(noise, depth=args.depth, alpha=1.0)
        save_image(img * 0.5 + 0.5, os.path.join(args.out_dir, f"{i:05d}.png"))


if __name__ == "__main__":
    main()

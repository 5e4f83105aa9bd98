# source: https://github.com/rosinality/stylegan2-pytorch/issues/158
# error: torch.cuda.OutOfMemoryError: CUDA out of memory (checkpoint tensors deserialized onto the GPU they were saved from)
# pattern: torch-load-map-location
# shape: helper
# looks-like: torch-load-map-location
# needs: torch
# cpu: no written where torch was not installed; not run
"""Export the EMA generator of a GAN training checkpoint to TorchScript for the serving box."""
import argparse

import torch
from torch import nn


class MappingGenerator(nn.Module):
    def __init__(self, latent_dim=512, n_mlp=8, size=64):
        super().__init__()
        layers = []
        for _ in range(n_mlp):
            layers += [nn.Linear(latent_dim, latent_dim), nn.LeakyReLU(0.2)]
        self.mapping = nn.Sequential(*layers)
        self.synthesis = nn.Sequential(
            nn.Linear(latent_dim, 256 * 4 * 4), nn.Unflatten(1, (256, 4, 4)),
            nn.Upsample(scale_factor=2), nn.Conv2d(256, 128, 3, padding=1), nn.LeakyReLU(0.2),
            nn.Upsample(scale_factor=2), nn.Conv2d(128, 64, 3, padding=1), nn.LeakyReLU(0.2),
            nn.Upsample(size=size), nn.Conv2d(64, 3, 1), nn.Tanh(),
        )

    def forward(self, z):
        return self.synthesis(self.mapping(z))


def load_ema_generator(ckpt_path, latent_dim, n_mlp, size, device):
    ckpt = torch.load(ckpt_path, map_location=lambda storage, loc: storage)
    g_ema = MappingGenerator(latent_dim, n_mlp, size)
    g_ema.load_state_dict(ckpt["g_ema"])
    return g_ema.to(device).eval()


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("ckpt")
    parser.add_argument("--out", default="generator_ts.pt")
    parser.add_argument("--latent", type=int, default=512)
    parser.add_argument("--n_mlp", type=int, default=8)
    parser.add_argument("--size", type=int, default=64)
    args = parser.parse_args()

    device = torch.device("cuda" if torch.cuda.is_available() else "cpu")
    g_ema = load_ema_generator(args.ckpt, args.latent, args.n_mlp, args.size, device)
    example = torch.randn(1, args.latent, device=device)
    with torch.no_grad():
        traced = torch.jit.trace(g_ema, (example,))
        assert torch.allclose(traced(example), g_ema(example), atol=1e-5)
    traced.save(args.out)
    print(f"saved {args.out}")


if __name__ == "__main__":
    main()

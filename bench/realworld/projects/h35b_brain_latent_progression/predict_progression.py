# source: https://github.com/LemuelPuglisi/BrLP/pull/3
# error: RuntimeError: Attempting to deserialize object on a CUDA device but torch.cuda.is_available() is False. If you are running on a CPU-only machine, please use torch.load with map_location=torch.device('cpu') to map your storages to the CPU.
# pattern: torch-load-map-location
# shape: multi-file, helper
# needs: torch, numpy
# cpu: no written where torch was not installed; not run
import argparse

import numpy as np
import torch

from networks import init_autoencoder, init_latent_diffusion


def get_args():
    p = argparse.ArgumentParser(description="Predict a follow-up brain MRI from a baseline scan")
    p.add_argument("--input", required=True, help="baseline scan, .npy volume normalised to [0,1]")
    p.add_argument("--aekl_ckpt", required=True)
    p.add_argument("--diff_ckpt", required=True)
    p.add_argument("--target_age", type=float, required=True)
    p.add_argument("--steps", type=int, default=50)
    p.add_argument("--output", default="followup.npy")
    return p.parse_args()


@torch.no_grad()
def sample_followup(autoencoder, diffusion, scan, context, steps, device):
    x = torch.from_numpy(scan).float()[None, None].to(device)
    mu, _ = autoencoder.encode(x)
    z = torch.randn_like(mu)
    for t in reversed(range(steps)):
        t_batch = torch.full((z.shape[0],), t, device=device)
        eps = diffusion(z, t_batch, context)
        z = z - eps / steps
    return autoencoder.decode(z + mu)[0, 0].cpu().numpy()


def main():
    args = get_args()
    device = "cuda" if torch.cuda.is_available() else "cpu"
    autoencoder = init_autoencoder(args.aekl_ckpt).to(device).eval()
    diffusion = init_latent_diffusion(args.diff_ckpt).to(device).eval()

    scan = np.load(args.input)
    context = torch.tensor([[args.target_age / 100.0, 1, 0, 0.45, 0.32, 0.21, 0.05, 0.02]], device=device)
    followup = sample_followup(autoencoder, diffusion, scan, context, args.steps, device)
    np.save(args.output, followup)
    print("saved", args.output, followup.shape)


if __name__ == "__main__":
    main()

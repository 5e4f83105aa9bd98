# source: https://github.com/kornia/kornia/issues/3908
# error: RuntimeError: Input type (double) and bias type (float) should be the same
# pattern: float64-input
# shape: helper, loader-loop
# looks-like: float64-input
# needs: torch, numpy, diffusers, pillow
# cpu: no written where torch was not installed; not run

import glob

import numpy as np
import torch
from diffusers import AutoencoderKL, DDIMScheduler
from PIL import Image

BASE = "runwayml/stable-diffusion-v1-5"


def load_init_image(path, size=512):
    img = Image.open(path).convert("RGB").resize((size, size), Image.LANCZOS)
    arr = np.asarray(img) / 127.5 - 1.0
    return torch.from_numpy(arr).permute(2, 0, 1)


def batched(items, n):
    for i in range(0, len(items), n):
        yield items[i:i + n]


@torch.no_grad()
def encode_batch(vae, images, generator):
    x = torch.stack(images).to(device=vae.device, dtype=vae.dtype)
    posterior = vae.encode(x).latent_dist
    return posterior.sample(generator=generator) * vae.config.scaling_factor


@torch.no_grad()
def noised_init_latents(latents, scheduler, strength, steps, generator):
    scheduler.set_timesteps(steps, device=latents.device)
    t_start = int(steps * (1.0 - float(strength)))
    t = scheduler.timesteps[t_start:t_start + 1].repeat(latents.shape[0])
    noise = torch.randn(latents.shape, generator=generator, device=latents.device, dtype=latents.dtype)
    return scheduler.add_noise(latents, noise, t)


def main(pattern="inputs/*.png", batch_size=4, steps=50):
    device = "cuda" if torch.cuda.is_available() else "cpu"
    vae = AutoencoderKL.from_pretrained(BASE, subfolder="vae").to(device)
    scheduler = DDIMScheduler.from_pretrained(BASE, subfolder="scheduler")
    generator = torch.Generator(device).manual_seed(0)
    strengths = np.linspace(0.3, 0.8, 6)
    paths = sorted(glob.glob(pattern))
    for b, chunk in enumerate(batched(paths, batch_size)):
        latents = encode_batch(vae, [load_init_image(p) for p in chunk], generator)
        for s in strengths:
            init = noised_init_latents(latents, scheduler, s, steps, generator)
            torch.save(init.cpu(), f"cache/init_b{b:03d}_s{s:.2f}.pt")


if __name__ == "__main__":
    main()

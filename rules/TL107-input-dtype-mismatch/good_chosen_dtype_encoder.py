# The frozen VAE is cast to the dtype the run chooses, and its latents are cast to
# float32 before they reach the UNet, which stays in float32.
import argparse

import torch
from diffusers import AutoencoderKL, UNet2DConditionModel


def encode(vae, pixels, dtype):
    with torch.no_grad():
        posterior = vae.encode(pixels.to(dtype=dtype)).latent_dist
    return posterior.sample().float() * vae.config.scaling_factor


def train_step(vae, unet, pixels, timesteps, text_states, dtype):
    latents = encode(vae, pixels, dtype)
    noise = torch.randn_like(latents)
    return unet(latents + noise, timesteps, text_states).sample


def main(args):
    device = torch.device("cuda")
    dtype = torch.float16 if args.precision == "fp16" else torch.float32
    vae = AutoencoderKL.from_pretrained(args.model, subfolder="vae")
    unet = UNet2DConditionModel.from_pretrained(args.model, subfolder="unet")
    vae.to(device, dtype=dtype)
    unet.to(device)
    pixels = torch.randn(1, 3, 512, 512, device=device)
    t = torch.randint(0, 1000, (1,), device=device)
    states = torch.randn(1, 77, 768, device=device)
    return train_step(vae, unet, pixels, t, states, dtype)


if __name__ == "__main__":
    parser = argparse.ArgumentParser()
    parser.add_argument("--model", required=True)
    parser.add_argument("--precision", default="fp16", choices=["no", "fp16"])
    main(parser.parse_args())

# source: https://github.com/vladmandic/sdnext/issues/1806
# error: RuntimeError: Input type (torch.cuda.HalfTensor) and weight type (torch.HalfTensor) should be the same
# pattern: module-cast-not-placed
# shape: helper, top-level
# bug-lines: 26, 35
# needs: torch, numpy, diffusers, pillow
# cpu: no written where torch was not installed; not run

import os

import numpy as np
import torch
from diffusers import AutoencoderKL, StableDiffusionXLPipeline
from PIL import Image

BASE = "stabilityai/stable-diffusion-xl-base-1.0"
VAE = os.environ.get("SD_VAE", "madebyollin/sdxl-vae-fp16-fix")
device, dtype = "cuda", torch.float16


def load_vae(name_or_path, dtype):
    if name_or_path.endswith((".safetensors", ".ckpt")):
        vae = AutoencoderKL.from_single_file(name_or_path)
    else:
        vae = AutoencoderKL.from_pretrained(name_or_path)
    vae = vae.to(dtype=dtype)
    vae.eval()
    print(f"loaded vae {name_or_path} ({dtype})")
    return vae


@torch.no_grad()
def decode_latents(vae, latents):
    latents = latents.to(dtype=vae.dtype) / vae.config.scaling_factor
    images = vae.decode(latents).sample
    images = (images / 2 + 0.5).clamp(0, 1).permute(0, 2, 3, 1).float().cpu().numpy()
    return [Image.fromarray((img * 255).round().astype(np.uint8)) for img in images]


pipe = StableDiffusionXLPipeline.from_pretrained(BASE, torch_dtype=dtype, variant="fp16").to(device)
vae = load_vae(VAE, dtype)

prompts = ["a lighthouse at dusk, 35mm photo", "a bowl of ramen, studio lighting"]
for i, prompt in enumerate(prompts):
    latents = pipe(prompt, num_inference_steps=30, output_type="latent").images
    for j, image in enumerate(decode_latents(vae, latents)):
        image.save(f"out_{i:02d}_{j}.png")

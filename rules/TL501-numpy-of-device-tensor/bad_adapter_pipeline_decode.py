# A pipeline with an adapter is a pipeline all the same: its VAE is on the GPU with
# it, so the decoded frame must come back to the host before numpy reads it.
import numpy as np
import torch
from diffusers import StableDiffusionXLAdapterPipeline, T2IAdapter

adapter = T2IAdapter.from_pretrained("TencentARC/t2i-adapter-lineart-sdxl-1.0", torch_dtype=torch.float16)
pipe = StableDiffusionXLAdapterPipeline.from_pretrained(
    "stabilityai/stable-diffusion-xl-base-1.0", adapter=adapter, torch_dtype=torch.float16
).to("cuda")


def to_frame(latents):
    with torch.no_grad():
        image = pipe.vae.decode(latents / pipe.vae.config.scaling_factor).sample
    image = (image / 2 + 0.5).clamp(0, 1)
    return (image[0].permute(1, 2, 0).float().numpy() * 255).astype(np.uint8)  # expect: TL501:13

# source: https://github.com/huggingface/diffusers/issues/4198
# error: RuntimeError: mat1 and mat2 must have the same dtype
# pattern: input-dtype-mismatch
# shape: helper, top-level
# bug-lines: 36, 41
# needs: torch, diffusers, numpy, pillow
# cpu: no written where torch was not installed; not run
"""Hand-rolled DDIM sampling loop around the SD UNet, loaded in fp16 to fit an 8 GB card."""
import numpy as np
import torch
from diffusers import DDIMScheduler, StableDiffusionPipeline
from PIL import Image

MODEL_ID = "stabilityai/stable-diffusion-2-1-base"
device = "cuda"

pipe = StableDiffusionPipeline.from_pretrained(MODEL_ID, torch_dtype=torch.float16)
pipe.scheduler = DDIMScheduler.from_config(pipe.scheduler.config)
pipe = pipe.to(device)
pipe.enable_attention_slicing()


def encode_prompt(prompt, negative=""):
    tokens = pipe.tokenizer([negative, prompt], padding="max_length",
                            max_length=pipe.tokenizer.model_max_length,
                            truncation=True, return_tensors="pt")
    with torch.no_grad():
        return pipe.text_encoder(tokens.input_ids.to(device))[0]


@torch.no_grad()
def sample(prompt, steps=30, guidance=7.5, seed=0, size=512):
    text_embeddings = encode_prompt(prompt)
    generator = torch.Generator(device=device).manual_seed(seed)
    shape = (1, pipe.unet.config.in_channels, size // 8, size // 8)
    latents = torch.randn(shape, generator=generator, device=device)
    pipe.scheduler.set_timesteps(steps)
    latents = latents * pipe.scheduler.init_noise_sigma
    for t in pipe.scheduler.timesteps:
        latent_in = pipe.scheduler.scale_model_input(torch.cat([latents] * 2), t)
        noise_pred = pipe.unet(latent_in, t, encoder_hidden_states=text_embeddings).sample
        uncond, cond = noise_pred.chunk(2)
        noise_pred = uncond + guidance * (cond - uncond)
        latents = pipe.scheduler.step(noise_pred, t, latents).prev_sample
    image = pipe.vae.decode(latents / pipe.vae.config.scaling_factor).sample
    image = (image / 2 + 0.5).clamp(0, 1)[0].permute(1, 2, 0).float().cpu().numpy()
    return Image.fromarray((image * 255).round().astype(np.uint8))


if __name__ == "__main__":
    img = sample("a watercolor painting of a lighthouse at dusk")
    img.save("lighthouse.png")

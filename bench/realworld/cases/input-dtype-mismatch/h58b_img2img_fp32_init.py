# source: https://github.com/AUTOMATIC1111/stable-diffusion-webui/issues/1618
# error: RuntimeError: Input type (torch.cuda.FloatTensor) and weight type (torch.cuda.HalfTensor) should be the same
# pattern: input-dtype-mismatch
# shape: helper
# bug-lines: 28, 33
# needs: torch, numpy, diffusers, PIL
# cpu: no written where torch was not installed; not run
import numpy as np
import torch
from diffusers import AutoencoderKL, DDIMScheduler, UNet2DConditionModel
from PIL import Image

DEVICE = "cuda"
DTYPE = torch.float16


def load_models(repo):
    vae = AutoencoderKL.from_pretrained(repo, subfolder="vae", torch_dtype=DTYPE).to(DEVICE)
    unet = UNet2DConditionModel.from_pretrained(repo, subfolder="unet", torch_dtype=DTYPE).to(DEVICE)
    scheduler = DDIMScheduler.from_pretrained(repo, subfolder="scheduler")
    return vae, unet, scheduler


def preprocess(path, size=512):
    image = Image.open(path).convert("RGB").resize((size, size), Image.LANCZOS)
    array = np.array(image).astype(np.float32) / 127.5 - 1.0
    tensor = torch.from_numpy(array).permute(2, 0, 1).unsqueeze(0)
    return tensor.to(DEVICE)


@torch.no_grad()
def encode_init_image(vae, init_image, generator):
    posterior = vae.encode(init_image).latent_dist
    return posterior.sample(generator=generator) * vae.config.scaling_factor


@torch.no_grad()
def img2img(vae, unet, scheduler, init_path, text_embeds, strength=0.6, steps=30):
    init = preprocess(init_path)
    generator = torch.Generator(device=DEVICE).manual_seed(0)
    latents = encode_init_image(vae, init, generator)
    scheduler.set_timesteps(steps, device=DEVICE)
    start = int(steps * (1 - strength))
    timesteps = scheduler.timesteps[start:]
    noise = torch.randn(latents.shape, generator=generator, device=DEVICE, dtype=latents.dtype)
    latents = scheduler.add_noise(latents, noise, timesteps[:1])
    for t in timesteps:
        noise_pred = unet(latents, t, encoder_hidden_states=text_embeds).sample
        latents = scheduler.step(noise_pred, t, latents).prev_sample
    image = vae.decode(latents / vae.config.scaling_factor).sample
    return (image / 2 + 0.5).clamp(0, 1)


if __name__ == "__main__":
    vae, unet, scheduler = load_models("runwayml/stable-diffusion-v1-5")
    text_embeds = torch.zeros(1, 77, 768, device=DEVICE, dtype=DTYPE)
    out = img2img(vae, unet, scheduler, "init.png", text_embeds)
    print(out.shape)

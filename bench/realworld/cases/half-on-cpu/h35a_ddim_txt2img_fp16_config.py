# source: https://github.com/Stability-AI/stablediffusion/issues/181
# error: RuntimeError: "slow_conv2d_cpu" not implemented for 'Half'
# pattern: half-on-cpu
# shape: helper, top-level
# bug-lines: 25
# needs: torch, diffusers, transformers
# cpu: no written where torch was not installed; not run
"""Plain DDIM text-to-image loop on top of the SD2 components (no pipeline class)."""
import argparse

import torch
from diffusers import AutoencoderKL, DDIMScheduler, UNet2DConditionModel
from transformers import CLIPTextModel, CLIPTokenizer

MODEL_CFG = {
    "repo": "stabilityai/stable-diffusion-2-base",
    "use_fp16": True,  # copied from the v2 inference yaml
    "guidance_scale": 9.0,
}


def build_unet(device):
    unet = UNet2DConditionModel.from_pretrained(MODEL_CFG["repo"], subfolder="unet").to(device)
    if MODEL_CFG["use_fp16"]:
        unet = unet.half()
    return unet.eval()


@torch.no_grad()
def encode_prompt(tokenizer, text_encoder, prompt, device):
    tokens = tokenizer([prompt, ""], padding="max_length", max_length=tokenizer.model_max_length,
                       truncation=True, return_tensors="pt").input_ids.to(device)
    return text_encoder(tokens)[0]


@torch.no_grad()
def ddim_sample(unet, scheduler, cond, steps, h, w, device):
    scheduler.set_timesteps(steps, device=device)
    latents = torch.randn((1, 4, h // 8, w // 8), device=device, dtype=unet.dtype)
    cond = cond.to(unet.dtype)
    for t in scheduler.timesteps:
        x_in = torch.cat([latents] * 2)
        eps_cond, eps_uncond = unet(x_in, t, encoder_hidden_states=cond).sample.chunk(2)
        eps = eps_uncond + MODEL_CFG["guidance_scale"] * (eps_cond - eps_uncond)
        latents = scheduler.step(eps, t, latents).prev_sample
    return latents


if __name__ == "__main__":
    parser = argparse.ArgumentParser()
    parser.add_argument("--prompt", default="a professional photograph of an astronaut riding a horse")
    parser.add_argument("--steps", type=int, default=50)
    parser.add_argument("--H", type=int, default=512)
    parser.add_argument("--W", type=int, default=512)
    args = parser.parse_args()

    device = torch.device("cuda" if torch.cuda.is_available() else "cpu")
    tokenizer = CLIPTokenizer.from_pretrained(MODEL_CFG["repo"], subfolder="tokenizer")
    text_encoder = CLIPTextModel.from_pretrained(MODEL_CFG["repo"], subfolder="text_encoder").to(device)
    vae = AutoencoderKL.from_pretrained(MODEL_CFG["repo"], subfolder="vae").to(device)
    scheduler = DDIMScheduler.from_pretrained(MODEL_CFG["repo"], subfolder="scheduler")
    unet = build_unet(device)

    cond = encode_prompt(tokenizer, text_encoder, args.prompt, device)
    latents = ddim_sample(unet, scheduler, cond, args.steps, args.H, args.W, device)
    with torch.no_grad():
        image = vae.decode(latents.float() / vae.config.scaling_factor).sample
    image = ((image.clamp(-1, 1) + 1) * 127.5).round().to(torch.uint8)
    torch.save(image.cpu(), "txt2img_out.pt")

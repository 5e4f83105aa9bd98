import torch
from diffusers import DDIMScheduler, UNet2DConditionModel
from transformers import CLIPTextModel, CLIPTokenizer

REPO = "stabilityai/stable-diffusion-2-1-base"


def load_parts(repo=REPO, dtype=torch.float16):
    # Every part loaded in the one dtype.
    parts = {
        "tokenizer": CLIPTokenizer.from_pretrained(repo, subfolder="tokenizer"),
        "text_encoder": CLIPTextModel.from_pretrained(
            repo, subfolder="text_encoder", torch_dtype=dtype
        ).to("cuda"),
        "scheduler": DDIMScheduler.from_pretrained(repo, subfolder="scheduler"),
    }
    parts["unet"] = UNet2DConditionModel.from_pretrained(
        repo, subfolder="unet", torch_dtype=dtype
    ).to("cuda")
    return parts


def load_parts_full_unet(repo=REPO):
    # The UNet kept in float32 on purpose: the text encoder's states are cast to it.
    return {
        "tokenizer": CLIPTokenizer.from_pretrained(repo, subfolder="tokenizer"),
        "text_encoder": CLIPTextModel.from_pretrained(
            repo, subfolder="text_encoder", torch_dtype=torch.float16
        ).to("cuda"),
        "unet": UNet2DConditionModel.from_pretrained(repo, subfolder="unet").to("cuda"),
    }


@torch.no_grad()
def denoise(parts, prompt, latents, steps=20):
    ids = parts["tokenizer"](prompt, return_tensors="pt").input_ids.to("cuda")
    hidden = parts["text_encoder"](ids)[0]
    scheduler = parts["scheduler"]
    scheduler.set_timesteps(steps)
    for t in scheduler.timesteps:
        noise = parts["unet"](latents, t, encoder_hidden_states=hidden).sample
        latents = scheduler.step(noise, t, latents).prev_sample
    return latents


@torch.no_grad()
def score(prompt):
    parts = load_parts_full_unet()
    ids = parts["tokenizer"](prompt, return_tensors="pt").input_ids.to("cuda")
    hidden = parts["text_encoder"](ids)[0].float()
    latents = torch.randn(1, 4, 64, 64, device="cuda")
    return parts["unet"](latents, 999, encoder_hidden_states=hidden).sample


def main(prompt):
    latents = torch.randn(1, 4, 64, 64, device="cuda", dtype=torch.float16)
    return denoise(load_parts(), prompt, latents), score(prompt)

import torch
from diffusers import DDIMScheduler, UNet2DConditionModel
from transformers import CLIPTextModel, CLIPTokenizer

REPO = "stabilityai/stable-diffusion-2-1-base"


def load_parts(repo=REPO):
    # Kept in a dict of parts, each loaded by itself: the text encoder in float16,
    # the UNet with no dtype, so in float32.
    parts = {
        "tokenizer": CLIPTokenizer.from_pretrained(repo, subfolder="tokenizer"),
        "text_encoder": CLIPTextModel.from_pretrained(
            repo, subfolder="text_encoder", torch_dtype=torch.float16
        ).to("cuda"),
        "scheduler": DDIMScheduler.from_pretrained(repo, subfolder="scheduler"),
    }
    parts["unet"] = UNet2DConditionModel.from_pretrained(repo, subfolder="unet").to("cuda")  # expect: TL107:21 lines=29
    return parts


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


def main(prompt):
    latents = torch.randn(1, 4, 64, 64, device="cuda")
    return denoise(load_parts(), prompt, latents)

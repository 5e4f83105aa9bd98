# source: https://github.com/huggingface/diffusers/issues/5399
# error: RuntimeError: mat1 and mat2 must have the same dtype
# pattern: partial-dtype-cast
# shape: multi-file, helper
# bug-lines: 20
# needs: torch, diffusers
# cpu: no written where torch was not installed; not run
import os

import torch
from diffusers import UNet2DConditionModel, UniPCMultistepScheduler

BASE_MODEL = os.getenv("BASE_INPAINT_MODEL", "runwayml/stable-diffusion-inpainting")


def load_inpaint_unet(path):
    """Load a community fine-tuned 9-channel inpainting UNet converted to diffusers format."""
    if not os.path.isdir(os.path.join(path, "unet")):
        raise FileNotFoundError(f"no unet/ folder under {path}")
    unet = UNet2DConditionModel.from_pretrained(path, subfolder="unet", in_channels=9, low_cpu_mem_usage=False)
    if unet.config.in_channels != 9:
        raise ValueError("expected an inpainting UNet (9 input channels)")
    return unet


def load_scheduler(path):
    return UniPCMultistepScheduler.from_pretrained(path, subfolder="scheduler")


def seeded_generator(seed, device="cuda"):
    return torch.Generator(device=device).manual_seed(seed)

# source: https://github.com/huggingface/diffusers/issues/2831
# error: RuntimeError: mat1 and mat2 must have the same dtype
# pattern: partial-dtype-cast
# shape: multi-file, helper
# looks-like: partial-dtype-cast
# needs: torch, diffusers
# cpu: no written where torch was not installed; not run
import os
import sys

import torch
from diffusers import StableUnCLIPPipeline

from components import DTYPE, load_prior_stack

UNCLIP_ID = "stabilityai/stable-diffusion-2-1-unclip-small"


def build_pipeline(device="cuda"):
    parts = load_prior_stack(DTYPE)
    pipe = StableUnCLIPPipeline.from_pretrained(UNCLIP_ID, torch_dtype=DTYPE, **parts)
    pipe = pipe.to(device)
    return pipe


def render_prompts(pipe, prompts, out_dir, seed=0, steps=25):
    os.makedirs(out_dir, exist_ok=True)
    generator = torch.Generator(device="cuda").manual_seed(seed)
    for i, prompt in enumerate(prompts):
        image = pipe(prompt, num_inference_steps=steps, generator=generator).images[0]
        image.save(os.path.join(out_dir, f"unclip_{i:03d}.png"))


if __name__ == "__main__":
    with open(sys.argv[1]) as f:
        prompts = [line.strip() for line in f if line.strip()]
    render_prompts(build_pipeline(), prompts, sys.argv[2])

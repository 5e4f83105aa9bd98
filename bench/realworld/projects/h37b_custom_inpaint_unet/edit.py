# source: https://github.com/huggingface/diffusers/issues/5399
# error: RuntimeError: mat1 and mat2 must have the same dtype
# pattern: partial-dtype-cast
# shape: multi-file, helper
# bug-lines: 21
# needs: torch, diffusers
# cpu: no written where torch was not installed; not run
import json
import os
import sys

import torch
from diffusers import StableDiffusionInpaintPipeline
from diffusers.utils import load_image

from components import BASE_MODEL, load_inpaint_unet, load_scheduler, seeded_generator


def build_pipeline(custom_model_dir):
    unet = load_inpaint_unet(custom_model_dir)
    pipe = StableDiffusionInpaintPipeline.from_pretrained(BASE_MODEL, unet=unet, torch_dtype=torch.float16, safety_checker=None)
    pipe.scheduler = load_scheduler(custom_model_dir)
    pipe = pipe.to("cuda")
    pipe.enable_attention_slicing()
    return pipe


def run_jobs(pipe, jobs, out_dir):
    os.makedirs(out_dir, exist_ok=True)
    for i, job in enumerate(jobs):
        image = load_image(job["image"]).resize((512, 512))
        mask = load_image(job["mask"]).resize((512, 512))
        result = pipe(
            prompt=job["prompt"],
            negative_prompt=job.get("negative_prompt", ""),
            image=image,
            mask_image=mask,
            num_inference_steps=job.get("steps", 30),
            guidance_scale=job.get("guidance", 7.5),
            generator=seeded_generator(job.get("seed", 1234)),
        ).images[0]
        result.save(os.path.join(out_dir, f"edit_{i:03d}.png"))


if __name__ == "__main__":
    with open(sys.argv[2]) as f:
        jobs = json.load(f)
    run_jobs(build_pipeline(sys.argv[1]), jobs, sys.argv[3])

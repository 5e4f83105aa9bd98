# source: https://github.com/vladmandic/sdnext/issues/971
# error: RuntimeError: Expected all tensors to be on the same device, but found at least two devices, cuda:0 and cpu! (when checking argument for argument mat2 in method wrapper_CUDA_mm)
# pattern: adapter-after-placement
# shape: multi-file, helper, class
# looks-like: adapter-after-placement
# needs: torch, diffusers
# cpu: no written where torch was not installed; not run

import argparse

import torch
from diffusers import DPMSolverMultistepScheduler, StableDiffusionPipeline

from lora import inject_lora, load_lora_weights, set_multiplier


def build_pipeline(base, rank, device, dtype):
    pipe = StableDiffusionPipeline.from_pretrained(base, torch_dtype=dtype, safety_checker=None)
    pipe.scheduler = DPMSolverMultistepScheduler.from_config(pipe.scheduler.config)
    injected = inject_lora(pipe.unet, rank=rank)
    pipe.unet.to(dtype=dtype)
    pipe = pipe.to(device)
    return pipe, injected


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--base", default="runwayml/stable-diffusion-v1-5")
    parser.add_argument("--lora", required=True)
    parser.add_argument("--rank", type=int, default=8)
    parser.add_argument("--prompt", default="portrait of a knight, oil painting")
    args = parser.parse_args()

    device = "cuda" if torch.cuda.is_available() else "cpu"
    dtype = torch.float16 if device == "cuda" else torch.float32
    pipe, injected = build_pipeline(args.base, args.rank, device, dtype)
    n = load_lora_weights(injected, args.lora, multiplier=1.0)
    print(f"loaded {n} LoRA layers from {args.lora}")

    generator = torch.Generator(device).manual_seed(1234)
    for strength in (0.0, 0.5, 1.0):
        set_multiplier(injected, strength)
        image = pipe(args.prompt, num_inference_steps=25, generator=generator).images[0]
        image.save(f"knight_lora_{strength:.1f}.png")


if __name__ == "__main__":
    main()

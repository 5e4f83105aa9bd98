# source: https://github.com/mulanai/MuLan/issues/6
# error: RuntimeError: Expected all tensors to be on the same device, but found at least two devices, cpu and cuda:0! (when checking argument for argument mat1 in method wrapper_CUDA_addmm)
# pattern: adapter-after-placement
# shape: multi-file, helper
# bug-lines: 25, 26
# needs: torch, diffusers
# cpu: no written where torch was not installed; not run
import argparse

import torch
from diffusers import StableDiffusionXLPipeline

from patch import transform


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--base", default="stabilityai/stable-diffusion-xl-base-1.0")
    parser.add_argument("--adapter", default="checkpoints/mulan_sdxl_adapter.pth")
    parser.add_argument("--prompt", default="一只戴着红色围巾的柴犬, 水彩画")
    parser.add_argument("--out", default="shiba.png")
    args = parser.parse_args()

    device = torch.device("cuda" if torch.cuda.is_available() else "cpu")
    pipe = StableDiffusionXLPipeline.from_pretrained(args.base).to(device)
    pipe = transform(pipe, args.adapter)

    generator = torch.Generator(device.type).manual_seed(42)
    image = pipe(prompt=args.prompt, num_inference_steps=30, guidance_scale=7.0,
                 generator=generator).images[0]
    image.save(args.out)


if __name__ == "__main__":
    main()

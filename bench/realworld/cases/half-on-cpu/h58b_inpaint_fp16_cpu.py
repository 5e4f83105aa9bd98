# source: https://github.com/huggingface/diffusers/issues/1925
# error: RuntimeError: "LayerNormKernelImpl" not implemented for 'Half'
# pattern: half-on-cpu
# shape: helper
# bug-lines: 16, 17, 32
# needs: torch, diffusers, PIL
# cpu: no written where torch was not installed; not run
import argparse

import torch
from diffusers import StableDiffusionInpaintPipeline
from PIL import Image


def load_inpaint_pipeline(model_id, use_fp16=True):
    dtype = torch.float16 if use_fp16 else torch.float32
    pipe = StableDiffusionInpaintPipeline.from_pretrained(model_id, torch_dtype=dtype)
    pipe.set_progress_bar_config(disable=True)
    return pipe


def prepare_inputs(image_path, mask_path, size=512):
    image = Image.open(image_path).convert("RGB").resize((size, size))
    mask = Image.open(mask_path).convert("L").resize((size, size))
    return image, mask


def run(args):
    pipe = load_inpaint_pipeline(args.model, use_fp16=not args.full_precision)
    image, mask = prepare_inputs(args.image, args.mask)
    generator = torch.Generator().manual_seed(args.seed)
    result = pipe(
        prompt=args.prompt,
        image=image,
        mask_image=mask,
        num_inference_steps=args.steps,
        generator=generator,
    ).images[0]
    result.save(args.out)


if __name__ == "__main__":
    parser = argparse.ArgumentParser()
    parser.add_argument("--model", default="stabilityai/stable-diffusion-2-inpainting")
    parser.add_argument("--image", required=True)
    parser.add_argument("--mask", required=True)
    parser.add_argument("--prompt", default="Face of a yellow cat, high resolution, sitting on a park bench")
    parser.add_argument("--steps", type=int, default=30)
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--full-precision", action="store_true")
    parser.add_argument("--out", default="inpainted.png")
    run(parser.parse_args())

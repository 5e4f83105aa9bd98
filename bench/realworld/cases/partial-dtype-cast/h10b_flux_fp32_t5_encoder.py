# source: https://github.com/huggingface/diffusers/issues/9677
# error: RuntimeError: mat1 and mat2 must have the same dtype, but got Float and Half
# pattern: partial-dtype-cast
# shape: helper, top-level
# bug-lines: 23, 26
# needs: torch, diffusers, transformers
# cpu: no written where torch was not installed; not run
import argparse
import time

import torch
from diffusers import FluxPipeline
from transformers import T5EncoderModel

MODEL_ID = "black-forest-labs/FLUX.1-schnell"


def load_pipeline(keep_text_encoder_fp32=True):
    # transformer / vae / clip run in fp16; the T5 encoder is swapped in separately so that
    # long prompts are encoded at full precision
    pipe = FluxPipeline.from_pretrained(MODEL_ID, text_encoder_2=None, torch_dtype=torch.float16)
    if keep_text_encoder_fp32:
        text_encoder_2 = T5EncoderModel.from_pretrained(MODEL_ID, subfolder="text_encoder_2", torch_dtype=torch.float32)
    else:
        text_encoder_2 = T5EncoderModel.from_pretrained(MODEL_ID, subfolder="text_encoder_2", torch_dtype=torch.float16)
    pipe.text_encoder_2 = text_encoder_2
    pipe.to("cuda")
    pipe.vae.enable_tiling()
    return pipe


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--prompt", default="a corgi wearing a tiny raincoat, studio photo")
    parser.add_argument("--steps", type=int, default=4)
    parser.add_argument("--size", type=int, default=1024)
    parser.add_argument("--out", default="result.png")
    args = parser.parse_args()

    pipe = load_pipeline()
    start = time.time()
    image = pipe(
        args.prompt,
        num_inference_steps=args.steps,
        num_images_per_prompt=1,
        guidance_scale=0.0,
        height=args.size,
        width=args.size,
        generator=torch.Generator("cuda").manual_seed(0),
    ).images[0]
    image.save(args.out)
    print(f"saved {args.out} in {time.time() - start:.1f}s")


if __name__ == "__main__":
    main()

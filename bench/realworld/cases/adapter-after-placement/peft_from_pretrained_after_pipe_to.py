# source: https://github.com/yandex-research/swd/issues/4
# error: RuntimeError: Input type (torch.cuda.HalfTensor) and weight type (torch.HalfTensor) should be the same
# pattern: adapter-after-placement
# shape: helper
# bug-lines: 32
# cpu: no needs a download and a GPU
# needs: torch, diffusers, peft
import argparse

import torch
from diffusers import StableDiffusion3Pipeline
from peft import PeftModel

SIGMAS = [1.0000, 0.9454, 0.8959, 0.7904, 0.7371, 0.6022, 0.0000]
SCALES = [32, 48, 64, 80, 96, 128]


def parse_args():
    p = argparse.ArgumentParser()
    p.add_argument("--base", default="stabilityai/stable-diffusion-3.5-large")
    p.add_argument("--lora", default="yresearch/swd-large-6-steps")
    p.add_argument("--prompt", default="a cat reading a newspaper")
    p.add_argument("--out", default="cat.png")
    return p.parse_args()


def load_pipeline(args):
    pipe = StableDiffusion3Pipeline.from_pretrained(args.base, torch_dtype=torch.float16,
                                                    custom_pipeline="quickjkee/swd_pipeline")
    pipe = pipe.to("cuda")
    # distilled scale-wise LoRA on top of the transformer that is already on the GPU
    pipe.transformer = PeftModel.from_pretrained(pipe.transformer, args.lora)
    return pipe


@torch.no_grad()
def generate(pipe, prompt, seed=0):
    generator = torch.Generator().manual_seed(seed)
    return pipe(
        prompt,
        sigmas=SIGMAS,
        scales=SCALES,
        timesteps=torch.tensor(SIGMAS[:-1], device="cuda") * 1000,
        guidance_scale=0.0,
        generator=generator,
    ).images[0]


if __name__ == "__main__":
    args = parse_args()
    pipe = load_pipeline(args)
    image = generate(pipe, args.prompt)
    image.save(args.out)

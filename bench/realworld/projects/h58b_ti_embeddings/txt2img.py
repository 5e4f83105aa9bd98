# source: https://github.com/AUTOMATIC1111/stable-diffusion-webui/issues/608
# error: RuntimeError: Attempting to deserialize object on CUDA device 1 but torch.cuda.device_count() is 1. Please use torch.load with map_location to map your storages to an existing device.
# pattern: torch-load-map-location
# shape: multi-file, class, helper
# needs: torch, diffusers
# cpu: no written where torch was not installed; not run
import argparse

import torch
from diffusers import StableDiffusionPipeline

from embeddings import EmbeddingDatabase
from hijack import add_tokens, expand_prompt


def main(args):
    pipe = StableDiffusionPipeline.from_pretrained(args.model, torch_dtype=torch.float16)
    pipe = pipe.to(args.device)
    db = EmbeddingDatabase(args.embeddings_dir)
    added = add_tokens(pipe.tokenizer, pipe.text_encoder, db.load_all())
    print("loaded embeddings:", ", ".join(added) or "none", "| skipped:", db.skipped)
    prompt = expand_prompt(args.prompt, pipe.tokenizer, added)
    generator = torch.Generator(device=args.device).manual_seed(args.seed)
    image = pipe(prompt, num_inference_steps=args.steps, generator=generator).images[0]
    image.save(args.out)


if __name__ == "__main__":
    parser = argparse.ArgumentParser()
    parser.add_argument("--model", default="runwayml/stable-diffusion-v1-5")
    parser.add_argument("--embeddings-dir", default="embeddings")
    parser.add_argument("--prompt", default="a portrait of my-style-token, detailed")
    parser.add_argument("--device", default="cuda:0")
    parser.add_argument("--steps", type=int, default=30)
    parser.add_argument("--seed", type=int, default=1234)
    parser.add_argument("--out", default="out.png")
    main(parser.parse_args())

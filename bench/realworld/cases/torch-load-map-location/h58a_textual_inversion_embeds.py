# source: https://github.com/nicolai256/Stable-textual-inversion_win/issues/26
# error: RuntimeError: Attempting to deserialize object on a CUDA device but torch.cuda.is_available() is False. If you are running on a CPU-only machine, please use torch.load with map_location=torch.device('cpu') to map your storages to the CPU.
# pattern: torch-load-map-location
# shape: helper
# bug-lines: 23
# needs: torch, diffusers
# cpu: no written where torch was not installed; not run

import argparse
import json
import os

import torch
from diffusers import StableDiffusionPipeline


def read_run_config(run_dir):
    with open(os.path.join(run_dir, "config.json")) as f:
        return json.load(f)


def load_learned_embeds(path):
    data = torch.load(path)
    if "string_to_param" in data:
        return {tok: vec for tok, vec in data["string_to_param"].items()}
    return data


def add_placeholder_tokens(pipe, learned):
    tokenizer, text_encoder = pipe.tokenizer, pipe.text_encoder
    for token, vec in learned.items():
        vec = vec.reshape(-1, vec.shape[-1])
        names = [token] + [f"{token}_{i}" for i in range(1, vec.shape[0])]
        if tokenizer.add_tokens(names) != len(names):
            raise ValueError(f"{token} is already in the tokenizer")
        text_encoder.resize_token_embeddings(len(tokenizer))
        ids = tokenizer.convert_tokens_to_ids(names)
        weight = text_encoder.get_input_embeddings().weight
        with torch.no_grad():
            for row, tid in zip(vec, ids):
                weight[tid] = row.to(weight.dtype)
    return list(learned)


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--run_dir", default="logs/cat_toy")
    parser.add_argument("--prompt", default="a photo of {} on a beach")
    parser.add_argument("--n_samples", type=int, default=4)
    args = parser.parse_args()

    cfg = read_run_config(args.run_dir)
    device = "cuda" if torch.cuda.is_available() else "cpu"
    dtype = torch.float16 if device == "cuda" else torch.float32
    pipe = StableDiffusionPipeline.from_pretrained(cfg["base_model"], torch_dtype=dtype)

    learned = load_learned_embeds(os.path.join(args.run_dir, "embeddings.pt"))
    tokens = add_placeholder_tokens(pipe, learned)
    pipe = pipe.to(device)

    prompt = args.prompt.format(tokens[0])
    for i in range(args.n_samples):
        image = pipe(prompt, num_inference_steps=50, guidance_scale=7.5).images[0]
        image.save(os.path.join(args.run_dir, f"sample_{i:02d}.png"))


if __name__ == "__main__":
    main()

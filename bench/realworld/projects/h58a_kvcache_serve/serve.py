# source: https://github.com/mistralai/mistral-inference/pull/267
# error: RuntimeError: Expected all tensors to be on the same device, but found at least two devices, cuda:7 and cuda:0!
# pattern: current-gpu-mismatch
# shape: multi-file, class
# needs: torch
# cpu: no written where torch was not installed; not run

import argparse

import torch

from cache import RotatingKVCache
from model import TinyDecoder


def load_model(ckpt_path, device):
    model = TinyDecoder()
    state = torch.load(ckpt_path, map_location="cpu")
    model.load_state_dict(state)
    return model.half().to(device).eval()


@torch.inference_mode()
def generate(model, prompt_ids, max_new_tokens, device):
    cache = RotatingKVCache(model.n_layers, 1, 4096, model.n_heads, model.dim // model.n_heads)
    tokens = torch.tensor([prompt_ids], dtype=torch.long, device=device)
    out = []
    for _ in range(max_new_tokens):
        logits = model(tokens, cache)
        next_id = int(logits.argmax(-1))
        out.append(next_id)
        tokens = torch.tensor([[next_id]], dtype=torch.long, device=device)
    return out


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--ckpt", default="consolidated.pt")
    parser.add_argument("--gpu", type=int, default=7)
    args = parser.parse_args()
    device = torch.device(f"cuda:{args.gpu}")
    model = load_model(args.ckpt, device)
    print(generate(model, [1, 415, 2936, 9060], 32, device))


if __name__ == "__main__":
    main()

# source: https://github.com/mistralai/mistral-inference/issues/215 https://github.com/mistralai/mistral-inference/pull/216
# error: RuntimeError: Expected all tensors to be on the same device, but found at least two devices, cuda:1 and cuda:0!
# pattern: current-gpu-mismatch
# shape: multi-file, loader-loop
# needs: torch
# cpu: no written where torch was not installed; not run
import argparse

import torch

from cache import BufferCache
from model import Transformer


@torch.inference_mode()
def generate(prompts, model, max_tokens, max_seq_len=2048):
    cache = BufferCache(len(model.layers), len(prompts), max_seq_len, model.n_kv_heads,
                        model.head_dim, device=model.device, dtype=torch.float16)
    seqlens = [len(p) for p in prompts]
    tokens = torch.tensor(sum(prompts, []), device=model.device)
    logits = model(tokens, seqlens, cache)
    last = torch.tensor(seqlens, device=model.device).cumsum(0) - 1
    next_tokens = logits[last].argmax(dim=-1)
    generated = [next_tokens]
    for _ in range(max_tokens - 1):
        logits = model(next_tokens, [1] * len(prompts), cache)
        next_tokens = logits.argmax(dim=-1)
        generated.append(next_tokens)
    return torch.stack(generated, dim=1).tolist()


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--device", default="cuda:1")
    parser.add_argument("--max-tokens", type=int, default=32)
    args = parser.parse_args()

    model = Transformer().to(device=args.device, dtype=torch.float16).eval()
    prompts = [[1, 415, 2936, 9060, 285], [1, 22557, 28725]]
    print(generate(prompts, model, args.max_tokens))


if __name__ == "__main__":
    main()

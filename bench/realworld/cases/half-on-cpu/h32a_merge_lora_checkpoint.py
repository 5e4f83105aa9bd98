# source: https://github.com/okuvshynov/slowllama/issues/15
# error: RuntimeError: "addmm_impl_cpu_" not implemented for 'Half'
# pattern: half-on-cpu
# shape: helper, batch-dict
# bug-lines: 17, 32
# needs: torch
# cpu: no written where torch was not installed; not run
import argparse

import torch

FROZEN_DTYPE = torch.float16  # same dtype the adapters were trained with


def load_adapter_weights(path):
    state = torch.load(path, map_location="cpu")
    return {k: v.to(FROZEN_DTYPE) for k, v in state.items()}


def lora_pairs(adapter_state):
    for key in adapter_state:
        if key.endswith(".lora_A"):
            base = key[: -len(".lora_A")]
            yield base, key, base + ".lora_B"


def merge_adapters(base_state, adapter_state, rank, alpha):
    scale = alpha / rank
    merged = 0
    for base_key, a_key, b_key in lora_pairs(adapter_state):
        weight_key = base_key + ".weight"
        delta = adapter_state[b_key].mm(adapter_state[a_key]) * scale
        base_state[weight_key] = base_state[weight_key] + delta.to(base_state[weight_key].dtype)
        merged += 1
    return merged


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--base", default="llama2-7b/consolidated.00.pth")
    parser.add_argument("--adapters", default="out/state_dict_29.pth")
    parser.add_argument("--out", default="llama2-7b-merged.pth")
    parser.add_argument("--rank", type=int, default=4)
    parser.add_argument("--alpha", type=float, default=64.0)
    args = parser.parse_args()

    base_state = torch.load(args.base, map_location="cpu")
    adapter_state = load_adapter_weights(args.adapters)
    n = merge_adapters(base_state, adapter_state, args.rank, args.alpha)
    print(f"merged {n} adapter pairs")
    torch.save(base_state, args.out)


if __name__ == "__main__":
    main()

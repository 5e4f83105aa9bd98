# source: https://github.com/LMCache/LMCache-Ascend/pull/71
# error: RuntimeError: Expected all tensors to be on the same device, but found at least two devices, cpu and npu:0! (when checking argument for argument index in method wrapper_NPU__index_select)
# pattern: cache-builder-cpu-default
# shape: multi-file, class, helper
# cpu: clean
# needs: torch

import argparse

import torch

from blend import get_fused_rope


def parse_args():
    p = argparse.ArgumentParser()
    p.add_argument("--head-size", type=int, default=64)
    p.add_argument("--heads", type=int, default=4)
    p.add_argument("--max-position", type=int, default=512)
    p.add_argument("--tokens", type=int, default=32)
    p.add_argument("--chunks", type=int, default=3)
    return p.parse_args()


def main():
    args = parse_args()
    device = torch.device("cuda" if torch.cuda.is_available() else "cpu")
    dtype = torch.float16 if device.type == "cuda" else torch.float32
    fused = get_fused_rope(args.head_size, args.max_position, dtype)

    for chunk in range(args.chunks):
        old_pos = torch.randint(0, args.max_position, (args.tokens,), device=device)
        new_pos = (old_pos + 7 * chunk) % args.max_position
        keys = torch.randn(args.tokens, args.heads, args.head_size, device=device, dtype=dtype)
        moved = fused.reposition(old_pos, new_pos, keys)
        print(chunk, tuple(moved.shape), moved.device)


if __name__ == "__main__":
    main()

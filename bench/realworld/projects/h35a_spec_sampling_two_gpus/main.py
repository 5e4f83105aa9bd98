# source: https://github.com/feifeibear/LLMSpeculativeSampling/issues/21
# error: RuntimeError: Expected all tensors to be on the same device, but found at least two devices, cuda:1 and cuda:0! (when checking argument for argument index in method wrapper_CUDA__index_select)
# pattern: current-gpu-mismatch
# shape: multi-file, top-level
# needs: torch, transformers
# cpu: no written where torch was not installed; not run
"""python main.py --input "The quick brown fox" --draft_gpu 1 --target_gpu 0"""
import argparse
import time

import torch

from models import load_draft_and_target, load_tokenizer
from sampling import speculative_sampling


def parse_args():
    parser = argparse.ArgumentParser(description="speculative sampling demo")
    parser.add_argument("--input", default="Suggest at least five related search terms to 'Mạng neural nhân tạo'.")
    parser.add_argument("--draft_model", default="bigscience/bloom-560m")
    parser.add_argument("--target_model", default="bigscience/bloomz-7b1")
    parser.add_argument("--draft_gpu", type=int, default=1)
    parser.add_argument("--target_gpu", type=int, default=0)
    parser.add_argument("--max_tokens", type=int, default=64)
    parser.add_argument("--gamma", type=int, default=4)
    parser.add_argument("--seed", type=int, default=321)
    return parser.parse_args()


if __name__ == "__main__":
    args = parse_args()
    torch.manual_seed(args.seed)
    tokenizer = load_tokenizer(args.target_model)
    draft, target = load_draft_and_target(args.draft_model, args.target_model, args.draft_gpu, args.target_gpu)
    input_ids = tokenizer.encode(args.input, return_tensors="pt")
    start = time.time()
    output = speculative_sampling(input_ids, draft, target, args.max_tokens, gamma=args.gamma)
    elapsed = time.time() - start
    print(tokenizer.decode(output[0], skip_special_tokens=True))
    print(f"{args.max_tokens / elapsed:.1f} tokens/s")

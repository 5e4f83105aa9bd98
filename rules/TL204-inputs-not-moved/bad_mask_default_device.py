# A mask helper whose device defaults to None (the CPU) is called without one, and
# the mask fills scores on the device: 'expected self and mask to be on the same
# device'. The call that leaves the default is the line to change.
import argparse

import torch


def causal_mask(q_len, kv_len, device=None):
    return torch.ones(q_len, kv_len, dtype=torch.bool, device=device).tril(kv_len - q_len)


def attend(query, key, value):
    scores = query @ key.transpose(-2, -1) / key.size(-1) ** 0.5
    mask = causal_mask(query.size(-2), key.size(-2))  # expect: TL204:12 lines=10,16
    scores = scores.masked_fill(mask.logical_not(), float("-inf"))
    return scores.softmax(-1) @ value


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--device", default="cuda", choices=["cpu", "cuda"])
    args = parser.parse_args()
    q = torch.randn(4, 8, 16, device=args.device)
    kv = torch.randn(4, 12, 16, device=args.device)
    return attend(q, kv, kv)

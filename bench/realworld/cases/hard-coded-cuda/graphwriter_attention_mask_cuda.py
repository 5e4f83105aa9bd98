# source: https://github.com/rikdz/GraphWriter/issues/9
# error: RuntimeError: Expected all tensors to be on the same device, but found at least two devices, cuda:1 and cuda:0!
# pattern: hard-coded-cuda
# shape: class, helper
# bug-lines: 25, 36
# cpu: clean
# needs: torch
import argparse
import math

import torch
import torch.nn as nn


def parse_args(argv=None):
    parser = argparse.ArgumentParser()
    parser.add_argument("--device", default="cuda:1" if torch.cuda.device_count() > 1 else "cpu")
    parser.add_argument("--hsz", type=int, default=64)
    return parser.parse_args(argv)


def pad_mask(lengths, max_len, use_cuda):
    mask = torch.arange(max_len)[None, :] >= lengths[:, None].cpu()
    if use_cuda:
        mask = mask.cuda()
    return mask


class MultiHeadAttention(nn.Module):
    def __init__(self, args, heads=4):
        super().__init__()
        self.use_cuda = args.device != "cpu"
        self.heads = heads
        self._key_dim = torch.tensor(args.hsz // heads, dtype=torch.float)
        if self.use_cuda:
            self._key_dim = self._key_dim.cuda()
        self.q = nn.Linear(args.hsz, args.hsz)
        self.kv = nn.Linear(args.hsz, 2 * args.hsz)

    def forward(self, query, entities, ent_lens):
        b, n, h = entities.shape
        q = self.q(query).view(b, -1, self.heads, h // self.heads).transpose(1, 2)
        k, v = self.kv(entities).view(b, n, 2, self.heads, h // self.heads).permute(2, 0, 3, 1, 4)
        attention = q @ k.transpose(-1, -2)
        attention = attention / torch.sqrt(self._key_dim)
        mask = pad_mask(ent_lens, n, self.use_cuda)
        attention = attention.masked_fill(mask[:, None, None, :], -math.inf)
        out = attention.softmax(dim=-1) @ v
        return out.transpose(1, 2).reshape(b, -1, h)


if __name__ == "__main__":
    args = parse_args([])
    attn = MultiHeadAttention(args).to(args.device)
    entities = torch.randn(2, 7, args.hsz, device=args.device)
    query = torch.randn(2, 3, args.hsz, device=args.device)
    ent_lens = torch.tensor([7, 4], device=args.device)
    print(attn(query, entities, ent_lens).shape)

# source: https://github.com/pytorch/pytorch/issues/5448
# error: (thread shows the behaviour, no traceback) RuntimeError: Expected all tensors to be on the same device, but found at least two devices, cuda:1 and cuda:0!
# pattern: type-as-cpu
# shape: class, helper
# bug-lines: 28, 31
# cpu: clean
# needs: torch, numpy
import argparse
import os

import numpy as np
import torch
import torch.distributed as dist
import torch.nn as nn


def get_sinusoid_encoding_table(n_position, d_hid):
    pos = np.arange(n_position)[:, None]
    angle = pos / np.power(10000, 2 * (np.arange(d_hid) // 2) / d_hid)
    table = np.zeros((n_position, d_hid))
    table[:, 0::2], table[:, 1::2] = np.sin(angle[:, 0::2]), np.cos(angle[:, 1::2])
    return torch.FloatTensor(table).unsqueeze(0)


class PositionalEncoding(nn.Module):
    def __init__(self, d_hid, n_position=200):
        super().__init__()
        self.pos_table = get_sinusoid_encoding_table(n_position, d_hid)

    def forward(self, x):
        return x + self.pos_table[:, : x.size(1)].clone().detach().type_as(x)


class Encoder(nn.Module):
    def __init__(self, vocab=100, d_model=32):
        super().__init__()
        self.emb = nn.Embedding(vocab, d_model)
        self.position_enc = PositionalEncoding(d_model)
        self.layer = nn.TransformerEncoderLayer(d_model, 4, 64, batch_first=True)
        self.out = nn.Linear(d_model, vocab)

    def forward(self, src):
        return self.out(self.layer(self.position_enc(self.emb(src))))


def main_worker(local_rank, args):
    if args.distributed:
        dist.init_process_group("nccl", init_method="env://")
        device = torch.device("cuda", local_rank)
    else:
        device = torch.device("cuda" if torch.cuda.is_available() else "cpu")
    model = Encoder().to(device)
    if args.distributed:
        model = nn.parallel.DistributedDataParallel(model, device_ids=[local_rank])
    optimizer = torch.optim.Adam(model.parameters(), lr=1e-3)
    for step in range(2):
        src = torch.randint(0, 100, (4, 16), device=device)
        loss = nn.functional.cross_entropy(model(src).transpose(1, 2), src)
        optimizer.zero_grad()
        loss.backward()
        optimizer.step()
    return loss.item()


if __name__ == "__main__":
    parser = argparse.ArgumentParser()
    parser.add_argument("--local_rank", type=int, default=int(os.environ.get("LOCAL_RANK", 0)))
    args = parser.parse_args()
    args.distributed = int(os.environ.get("WORLD_SIZE", 1)) > 1  # launched with torchrun
    print(main_worker(args.local_rank, args))

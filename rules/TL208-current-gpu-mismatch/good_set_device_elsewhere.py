# The current GPU is set in another function of the file (the screen keeps it in
# the parse, or `.cuda()` would look like GPU 0 next to the model's chosen GPU).
import argparse

import torch
import torch.nn as nn


def init_process(local_rank):
    torch.cuda.set_device(local_rank)


def run(local_rank):
    model = nn.Linear(16, 2).to(f"cuda:{local_rank}")
    x = torch.randn(8, 16).cuda()
    return model(x)


if __name__ == "__main__":
    args = argparse.ArgumentParser().parse_args()
    init_process(args.local_rank)
    run(args.local_rank)

import argparse

import torch
import torch.nn as nn


# A single-GPU script: everything on the current GPU.
def single(batch):
    x = batch.cuda()
    pos = torch.arange(x.shape[1]).cuda()
    return x + pos


# Both tensors on the device the code chooses.
def chosen(args, batch):
    x = batch.to(args.device)
    pos = torch.arange(x.shape[1], device=args.device)
    return x + pos


# The mask follows the scores' device.
class Attention(nn.Module):
    def __init__(self, hsz):
        super().__init__()
        self.q = nn.Linear(hsz, hsz)

    def forward(self, x, lens):
        scores = self.q(x) @ x.transpose(1, 2)
        mask = torch.arange(x.shape[1], device=scores.device)[None, :] >= lens[:, None]
        return scores.masked_fill(mask[:, None, :], -1e9)


# A buffer moved with the model: `.to(args.device)` takes it along.
class Scaled(nn.Module):
    def __init__(self, hsz):
        super().__init__()
        self.register_buffer("scale", torch.tensor(hsz**0.5).cuda())
        self.q = nn.Linear(hsz, hsz)

    def forward(self, x):
        return self.q(x) / self.scale


def main(args):
    x = torch.randn(2, 7, 64, device=args.device)
    lens = torch.tensor([7, 4], device=args.device)
    Attention(64).to(args.device)(x, lens)
    return Scaled(64).to(args.device)(x)


if __name__ == "__main__":
    parser = argparse.ArgumentParser()
    parser.add_argument("--device", default="cuda:1")
    main(parser.parse_args())

import argparse

import torch
import torch.nn as nn


# DataParallel runs each replica's forward with its GPU set as the current one:
# `.cuda()` there is the replica's GPU.
class Attention(nn.Module):
    def __init__(self, hsz):
        super().__init__()
        self.q = nn.Linear(hsz, hsz)

    def forward(self, x, lens):
        scores = self.q(x) @ x.transpose(1, 2)
        mask = (torch.arange(x.shape[1])[None, :] >= lens[:, None].cpu()).cuda()
        return scores.masked_fill(mask[:, None, :], -1e9)


def main(args):
    model = Attention(64).to(args.device)
    model = nn.DataParallel(model, device_ids=args.gpus)
    x = torch.randn(2, 7, 64, device=args.device)
    lens = torch.tensor([7, 4], device=args.device)
    return model(x, lens)


if __name__ == "__main__":
    parser = argparse.ArgumentParser()
    parser.add_argument("--device", default="cuda:1")
    parser.add_argument("--gpus", type=int, nargs="+", default=[1, 2])
    main(parser.parse_args())

import argparse

import torch
import torch.nn as nn


# GraphWriter: the model runs where --device says; the attention mask, made by a
# helper, goes to GPU 0 and meets the scores in masked_fill.
def pad_mask(lengths, max_len, use_cuda):
    mask = torch.arange(max_len)[None, :] >= lengths[:, None].cpu()
    if use_cuda:
        mask = mask.cuda()  # expect: TL208:16 lines=25,30
    return mask


class Attention(nn.Module):
    def __init__(self, hsz, use_cuda):
        super().__init__()
        self.use_cuda = use_cuda
        self.q = nn.Linear(hsz, hsz)

    def forward(self, x, lens):
        scores = self.q(x) @ x.transpose(1, 2)
        mask = pad_mask(lens, x.shape[1], self.use_cuda)
        return scores.masked_fill(mask[:, None, :], -1e9)


def main(args):
    use_cuda = args.device != "cpu"
    model = Attention(64, use_cuda).to(args.device)
    x = torch.randn(2, 7, 64, device=args.device)
    lens = torch.tensor([7, 4], device=args.device)
    return model(x, lens)


# A DDP-style worker: the batch on its rank's GPU, the positions on GPU 0.
def step(rank, batch):
    x = batch.to(f"cuda:{rank}")
    pos = torch.arange(x.shape[1]).cuda()  # expect: TL208:11 lines=40,38
    return x + pos


if __name__ == "__main__":
    parser = argparse.ArgumentParser()
    parser.add_argument("--device", default="cuda:1")
    main(parser.parse_args())

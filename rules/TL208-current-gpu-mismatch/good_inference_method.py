# The counter is made where the memory is, whichever GPU the user picked.
import argparse

import torch
from torch import nn


class Decoder(nn.Module):
    def __init__(self, dim=80):
        super().__init__()
        self.step = nn.GRUCell(dim, dim)
        self.gate = nn.Linear(dim, 1)

    @torch.no_grad()
    def infer(self, memory, max_steps=200):
        h = memory.new_zeros(memory.shape)
        lengths = torch.zeros(memory.size(0), dtype=torch.int32, device=memory.device)
        for _ in range(max_steps):
            h = self.step(memory, h)
            running = (torch.sigmoid(self.gate(h)).squeeze(-1) < 0.5).int()
            lengths = lengths + running
        return h, lengths


if __name__ == "__main__":
    parser = argparse.ArgumentParser()
    parser.add_argument("--device", default="cuda:1")
    args = parser.parse_args()
    device = torch.device(args.device)
    decoder = Decoder().to(device).eval()
    print(decoder.infer(torch.randn(4, 80, device=device))[1])

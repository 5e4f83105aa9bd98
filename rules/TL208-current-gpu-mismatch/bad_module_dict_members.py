# Statistics modules kept in an nn.ModuleDict and moved to the GPU the user chose;
# a method of each makes its tensor on "cuda", the current GPU (cuda:0), which is not
# the chosen one.
import argparse

import torch
from torch import nn


class Moments(nn.Module):
    def __init__(self, width):
        super().__init__()
        self.register_buffer("total", torch.zeros(width))

    def normalized(self):
        device = "cuda" if self.total.is_cuda else "cpu"
        return self.total / torch.arange(1, self.total.numel() + 1, device=device)  # expect: TL208:29 lines=17,24


def summarize(layer_widths, gpu):
    moments = nn.ModuleDict()
    for name, width in layer_widths.items():
        moments[name] = Moments(width)
    moments.to(f"cuda:{gpu}")
    out = {}
    for name, m in moments.items():
        out[name] = m.normalized()
    return out


if __name__ == "__main__":
    parser = argparse.ArgumentParser()
    parser.add_argument("--gpu", type=int, default=1)
    print(summarize({"conv1": 16, "conv2": 32}, parser.parse_args().gpu))

# A helper gives the placed encoder one head per domain in an nn.ModuleDict after the
# move; the heads' weights stay on the CPU.
import torch
from torch import nn


class Encoder(nn.Module):
    def __init__(self, dim=64):
        super().__init__()
        self.body = nn.Sequential(nn.Linear(32, dim), nn.ReLU())

    def forward(self, x, domain):
        return self.domain_heads[domain](self.body(x))


def with_domain_heads(encoder, domains, dim=64):
    encoder.domain_heads = nn.ModuleDict({name: nn.Linear(dim, dim) for name in domains})
    return encoder


def fit(batches, device):
    encoder = Encoder().to(device)
    encoder = with_domain_heads(encoder, ["news", "forum"])  # expect: TL202:5 lines=17,22
    for x, domain in batches:
        encoder(x.to(device), domain).sum().backward()

# Each layer is bound to a local name before it is appended: the list still holds
# modules that `.to(device)` and `state_dict()` never see.
import torch.nn as nn


class GraphEncoder(nn.Module):
    def __init__(self, dims):
        super().__init__()
        self.convs = []  # expect: TL302:9 lines=13
        for d_in, d_out in zip(dims, dims[1:]):
            conv = nn.Linear(d_in, d_out)
            nn.init.xavier_uniform_(conv.weight)
            self.convs.append(conv)

    def forward(self, x, adj):
        for conv in self.convs:
            x = adj @ conv(x)
        return x


class PairScorer(nn.Module):
    # Built into names first, then keyed by role: a literal dict of local names
    # hides the modules as a dict of calls does.
    def __init__(self, dim):
        super().__init__()
        query, key = nn.Linear(dim, dim), nn.Linear(dim, dim)
        scale = dim**-0.5
        self.towers = {"query": query, "key": key}  # expect: TL302:9
        self.scale = scale

    def forward(self, a, b):
        return (self.towers["query"](a) * self.towers["key"](b)).sum(-1) * self.scale

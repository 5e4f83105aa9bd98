# The same layers, kept in an `nn.ModuleList`; a plain list of names beside them.
import torch.nn as nn


class GraphEncoder(nn.Module):
    def __init__(self, dims):
        super().__init__()
        self.convs = nn.ModuleList()
        self.names = []
        for i, (d_in, d_out) in enumerate(zip(dims, dims[1:])):
            conv = nn.Linear(d_in, d_out)
            nn.init.xavier_uniform_(conv.weight)
            self.convs.append(conv)
            name = f"conv{i}"
            self.names.append(name)

    def forward(self, x, adj):
        for conv in self.convs:
            x = adj @ conv(x)
        return x


class FeatureStack(nn.Module):
    # Each module is registered in the ModuleDict; the plain list only orders the
    # registered modules with plain functions (diffusers' RFD4 feature encoder).
    def __init__(self, names, functions, dims):
        super().__init__()
        self.feature_modules = nn.ModuleDict()
        self.feature_fns = []
        for name in names:
            if name in functions:
                self.feature_fns.append(functions[name])
            else:
                module = nn.Linear(dims[name], dims[name])
                self.feature_modules[name] = module
                self.feature_fns.append(module)

    def forward(self, features):
        return [fn(features) for fn in self.feature_fns]


class PairScorer(nn.Module):
    # The same names, in an nn.ModuleDict; numbers bound the same way in a plain dict.
    def __init__(self, dim):
        super().__init__()
        query, key = nn.Linear(dim, dim), nn.Linear(dim, dim)
        low, high = -dim, dim
        self.towers = nn.ModuleDict({"query": query, "key": key})
        self.clip = {"low": low, "high": high}

    def forward(self, a, b):
        score = (self.towers["query"](a) * self.towers["key"](b)).sum(-1)
        return score.clamp(self.clip["low"], self.clip["high"])


class SharedTowers(nn.Module):
    # Registered as attributes too: the dict only names modules already registered.
    def __init__(self, dim):
        super().__init__()
        query, key = nn.Linear(dim, dim), nn.Linear(dim, dim)
        self.query, self.key = query, key
        self.by_role = {"query": query, "key": key}

    def forward(self, a, b):
        return (self.by_role["query"](a) * self.by_role["key"](b)).sum(-1)

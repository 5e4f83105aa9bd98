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

from torch import nn


# The members of a dict filled by key are registered: handed to nn.ModuleList, or
# added by hand with add_module, or kept in an nn.ModuleDict under string keys.
class MultiModalEncoder(nn.Module):
    def __init__(self, component_sizes, hidden=64):
        super().__init__()
        self.embedders = {}
        self.projections = nn.ModuleDict()
        self.norms = {}
        for i, size in enumerate(component_sizes):
            if size == 1:
                self.embedders[i] = nn.Embedding(100, hidden)
                self.add_module(f"embedder_{i}", self.embedders[i])
            else:
                self.projections[str(i)] = nn.Linear(size, hidden)
            self.norms[i] = nn.LayerNorm(hidden)
        self.norm_list = nn.ModuleList(self.norms.values())


class Stack(nn.Module):
    def __init__(self, sizes):
        super().__init__()
        self.layers = []
        for n in sizes:
            self.layers.append(nn.Linear(n, n))
        # registered through the Sequential that holds the same modules
        self.net = nn.Sequential(*self.layers)

    def forward(self, x):
        return self.net(x)

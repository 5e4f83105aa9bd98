# A session recommender propagates item embeddings over a sparse co-occurrence graph
# made on the embeddings' device, then averages the layers with `np.sum`: numpy
# converts each GPU tensor of the list.
import numpy as np
import torch
import torch.nn as nn
import torch.nn.functional as F


def to_sparse(adjacency, device):
    coo = adjacency.tocoo()
    indices = torch.tensor(np.vstack((coo.row, coo.col)), dtype=torch.long)
    values = torch.tensor(coo.data, dtype=torch.float32)
    return torch.sparse_coo_tensor(indices, values, coo.shape, device=device)


class ItemConv(nn.Module):
    def __init__(self, adjacency, n_items=500, size=64, layers=2):
        super().__init__()
        self.adjacency = adjacency
        self.embedding = nn.Embedding(n_items, size)
        self.layers = nn.ModuleList([nn.Linear(size, size, bias=False) for _ in range(layers)])

    def forward(self, items):
        adj = to_sparse(self.adjacency, self.embedding.weight.device)
        h = self.embedding.weight
        final = [h]
        for layer in self.layers:
            h = torch.sparse.mm(adj, layer(h))
            final.append(F.normalize(h, dim=-1))
        table = np.sum(final, 0) / (len(self.layers) + 1)  # expect: TL501:17
        return table[items].sum(1)


def train(adjacency, batches):
    model = ItemConv(adjacency).to("cuda")
    for items, targets in batches:
        F.cross_entropy(model(items.to("cuda")), targets.to("cuda")).backward()

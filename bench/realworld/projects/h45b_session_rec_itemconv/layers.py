# source: https://github.com/xiaxin1998/COTREC/issues/4
# error: TypeError: can't convert cuda:0 device type tensor to numpy. Use Tensor.cpu() to copy the tensor to host memory first.
# pattern: numpy-of-device-tensor
# shape: multi-file, class, helper, loader-loop
# bug-lines: 37
# needs: torch, numpy, scipy
# cpu: no written where torch was not installed; not run
import numpy as np
import torch
import torch.nn as nn
import torch.nn.functional as F


def sparse_to_torch(adjacency, device):
    coo = adjacency.tocoo()
    indices = torch.tensor(np.vstack((coo.row, coo.col)), dtype=torch.long)
    values = torch.tensor(coo.data, dtype=torch.float32)
    return torch.sparse_coo_tensor(indices, values, coo.shape, device=device)


class ItemConv(nn.Module):
    """Propagates item embeddings over the item-item co-occurrence graph."""

    def __init__(self, layers, emb_size=100):
        super().__init__()
        self.layers = layers
        self.w_item = nn.ModuleList([nn.Linear(emb_size, emb_size, bias=False) for _ in range(layers)])

    def forward(self, adjacency, embedding):
        adj = sparse_to_torch(adjacency, embedding.device)
        item_embeddings = embedding
        final = [item_embeddings]
        for i in range(self.layers):
            item_embeddings = self.w_item[i](item_embeddings)
            item_embeddings = torch.sparse.mm(adj, item_embeddings)
            final.append(F.normalize(item_embeddings, dim=-1, p=2))
        item_embeddings = np.sum(final, 0) / (self.layers + 1)
        return item_embeddings

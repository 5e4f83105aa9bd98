# source: https://github.com/xiaxin1998/DHCN/issues/14
# error: TypeError: can't convert cuda:0 device type tensor to numpy. Use Tensor.cpu() to copy the tensor to host memory first.
# pattern: numpy-of-device-tensor
# shape: class, helper
# bug-lines: 33
# cpu: clean
# needs: torch, numpy
import numpy as np
import torch
import torch.nn as nn

device = torch.device("cuda" if torch.cuda.is_available() else "cpu")


def build_adjacency(n_items, density=0.2, seed=0):
    g = torch.Generator().manual_seed(seed)
    dense = (torch.rand(n_items, n_items, generator=g) < density).float()
    dense = dense / dense.sum(1, keepdim=True).clamp(min=1)
    return dense.to_sparse()


class HyperConv(nn.Module):
    def __init__(self, layers):
        super().__init__()
        self.layers = layers

    def forward(self, adjacency, embedding):
        item_embeddings = embedding
        final = [item_embeddings]
        for _ in range(self.layers):
            item_embeddings = torch.sparse.mm(adjacency, item_embeddings)
            final.append(item_embeddings)
        item_embeddings = torch.as_tensor(np.sum(final, 0), device=embedding.device) / (self.layers + 1)
        return item_embeddings


class DHCN(nn.Module):
    def __init__(self, n_items, emb_size=16, layers=2):
        super().__init__()
        self.embedding = nn.Embedding(n_items, emb_size)
        self.hyper = HyperConv(layers)

    def score(self, adjacency, session_items):
        item_emb = self.hyper(adjacency, self.embedding.weight)
        sess = item_emb[session_items].mean(1)
        return sess @ item_emb.t()


if __name__ == "__main__":
    n_items = 30
    model = DHCN(n_items).to(device)
    adjacency = build_adjacency(n_items).to(device)
    model.eval()
    with torch.no_grad():
        sessions = torch.randint(0, n_items, (4, 5), device=device)
        scores = model.score(adjacency, sessions)
    print(scores.shape)

# source: https://github.com/xiaxin1998/COTREC/issues/4
# error: TypeError: can't convert cuda:0 device type tensor to numpy. Use Tensor.cpu() to copy the tensor to host memory first.
# pattern: numpy-of-device-tensor
# shape: multi-file, class, helper, loader-loop
# needs: torch, numpy, scipy
# cpu: no written where torch was not installed; not run
import numpy as np
import torch
import torch.nn.functional as F
from scipy.sparse import coo_matrix
from torch.utils.data import DataLoader, TensorDataset

from model import SessionRecommender


def build_item_graph(sessions, n_node):
    rows, cols = [], []
    for s in sessions:
        items = [i - 1 for i in s if i > 0]
        for a, b in zip(items[:-1], items[1:]):
            rows += [a, b]
            cols += [b, a]
    adj = coo_matrix((np.ones(len(rows)), (rows, cols)), shape=(n_node, n_node))
    deg = np.asarray(adj.sum(1)).flatten() + 1e-8
    return coo_matrix((adj.data / deg[adj.row], (adj.row, adj.col)), shape=adj.shape)


if __name__ == "__main__":
    n_node, max_len = 500, 10
    sessions = np.random.randint(1, n_node + 1, size=(2000, max_len))
    targets = np.random.randint(0, n_node, size=2000)
    device = torch.device("cuda" if torch.cuda.is_available() else "cpu")
    model = SessionRecommender(build_item_graph(sessions, n_node), n_node).to(device)
    optimizer = torch.optim.Adam(model.parameters(), lr=1e-3, weight_decay=1e-5)
    loader = DataLoader(TensorDataset(torch.from_numpy(sessions), torch.from_numpy(targets)),
                        batch_size=100, shuffle=True)
    for epoch in range(3):
        total = 0.0
        for items, tar in loader:
            items, tar = items.to(device), tar.to(device)
            lens = (items > 0).sum(1).float()
            scores = model(items, lens)
            loss = F.cross_entropy(scores, tar)
            optimizer.zero_grad()
            loss.backward()
            optimizer.step()
            total += loss.item()
        print(f"epoch {epoch}: loss {total / len(loader):.4f}")

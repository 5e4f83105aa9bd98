# PyTorch Geometric's dense layers multiply the adjacency with the features
# (`adj @ x`): an int64 0/1 adjacency kept in the dataset's records fails there.
import numpy as np
import torch
from torch.utils.data import DataLoader, Dataset
from torch_geometric.nn import DenseSAGEConv

N = 24


class Molecules(Dataset):
    def __init__(self, graphs):
        self.records = []
        for bonds, feats in graphs:
            adj = np.zeros((N, N), dtype=np.int64)
            adj[bonds[:, 0], bonds[:, 1]] = 1
            self.records.append((adj, feats))

    def __len__(self):
        return len(self.records)

    def __getitem__(self, i):
        adj, feats = self.records[i]
        return {"adj": torch.from_numpy(adj), "x": torch.tensor(feats, dtype=torch.float32)}  # expect: TL109:24 lines=40,33


class Net(torch.nn.Module):
    def __init__(self, dim):
        super().__init__()
        self.conv = DenseSAGEConv(dim, 32)

    def forward(self, x, adj):
        return self.conv(x, adj).mean(1)


if __name__ == "__main__":
    graphs = [(np.array([[0, 1], [1, 2]]), np.random.rand(N, 8))]
    model = Net(8)
    for batch in DataLoader(Molecules(graphs), batch_size=4):
        print(model(batch["x"], batch["adj"]))

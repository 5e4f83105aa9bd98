# source: https://github.com/pyg-team/pytorch_geometric/issues/5028
# error: RuntimeError: Expected all tensors to be on the same device, but found at least two devices, cuda:0 and cpu! (when checking argument for argument index in method wrapper__index_select)
# pattern: tensor-created-without-device
# shape: class, loader-loop
# bug-lines: 32, 38
# needs: torch, torch_geometric
# cpu: no written where torch was not installed; not run
import torch
import torch.nn.functional as F
from torch_geometric.datasets import TUDataset
from torch_geometric.loader import DataLoader
from torch_geometric.nn import GCNConv, global_mean_pool
from torch_geometric.utils import coalesce, remove_self_loops


class EdgeContractionPool(torch.nn.Module):
    """Greedily merges each node with one unmatched neighbour and averages features."""

    def forward(self, x, edge_index, batch):
        src, dst = edge_index.cpu().tolist()
        cluster = [-1] * x.size(0)
        representatives = []
        for u, v in zip(src, dst):
            if cluster[u] == -1 and cluster[v] == -1 and u != v:
                cluster[u] = cluster[v] = len(representatives)
                representatives.append(u)
        for n in range(x.size(0)):
            if cluster[n] == -1:
                cluster[n] = len(representatives)
                representatives.append(n)
        assign = torch.tensor(cluster, dtype=torch.long, device=x.device)
        rep = torch.tensor(representatives, dtype=torch.long)
        n_clusters = len(representatives)
        summed = x.new_zeros(n_clusters, x.size(1)).index_add_(0, assign, x)
        counts = torch.bincount(assign, minlength=n_clusters).clamp(min=1).unsqueeze(1)
        new_edge_index, _ = remove_self_loops(assign[edge_index])
        new_edge_index = coalesce(new_edge_index, num_nodes=n_clusters)
        return summed / counts, new_edge_index, batch.index_select(0, rep)


class Net(torch.nn.Module):
    def __init__(self, in_dim, n_classes):
        super().__init__()
        self.conv1, self.conv2 = GCNConv(in_dim, 32), GCNConv(32, 64)
        self.pool = EdgeContractionPool()
        self.lin = torch.nn.Linear(64, n_classes)

    def forward(self, data):
        x = F.relu(self.conv1(data.x, data.edge_index))
        x, edge_index, batch = self.pool(x, data.edge_index, data.batch)
        x = F.relu(self.conv2(x, edge_index))
        return self.lin(global_mean_pool(x, batch))


if __name__ == "__main__":
    device = torch.device("cuda" if torch.cuda.is_available() else "cpu")
    dataset = TUDataset(root="data/PROTEINS", name="PROTEINS").shuffle()
    loader = DataLoader(dataset[:1000], batch_size=32, shuffle=True)
    model = Net(dataset.num_node_features, dataset.num_classes).to(device)
    optimizer = torch.optim.Adam(model.parameters(), lr=1e-3)
    for epoch in range(20):
        for data in loader:
            data = data.to(device)
            loss = F.cross_entropy(model(data), data.y)
            optimizer.zero_grad()
            loss.backward()
            optimizer.step()
        print(f"epoch {epoch} loss {loss.item():.4f}")

import torch
import torch.nn.functional as F
from torch_geometric.datasets import TUDataset
from torch_geometric.loader import DataLoader
from torch_geometric.nn import GCNConv, global_max_pool


# Keeps the first node of each graph: the positions are built from a Python list on
# the CPU and index the batch vector, which `data.to(device)` put on the GPU.
def first_nodes(x, batch):
    starts, last = [], -1
    for i, g in enumerate(batch.tolist()):
        if g != last:
            starts.append(i)
            last = g
    index = torch.tensor(starts)  # expect: TL204:13 lines=37,17
    return x.index_select(0, index.to(x.device)), batch.index_select(0, index)


class GraphNet(torch.nn.Module):
    def __init__(self, n_in, n_classes):
        super().__init__()
        self.conv = GCNConv(n_in, 64)
        self.head = torch.nn.Linear(128, n_classes)

    def forward(self, data):
        h = F.relu(self.conv(data.x, data.edge_index))
        firsts, _ = first_nodes(h, data.batch)
        return self.head(torch.cat([firsts, global_max_pool(h, data.batch)], dim=1))


if __name__ == "__main__":
    device = torch.device("cuda" if torch.cuda.is_available() else "cpu")
    dataset = TUDataset("data/ENZYMES", name="ENZYMES").shuffle()
    model = GraphNet(dataset.num_node_features, dataset.num_classes).to(device)
    for data in DataLoader(dataset[:500], batch_size=32):
        data = data.to(device)
        print(F.cross_entropy(model(data), data.y).item() * data.num_graphs)

# The dataset's transform puts every graph on the device as it is read
# (torch_geometric's ToDevice), here built before the dataset.
import torch
import torch_geometric.transforms as T
from torch_geometric.datasets import TUDataset
from torch_geometric.nn import GraphConv, global_mean_pool

device = torch.device("cuda")
on_device = T.Compose([T.NormalizeFeatures(), T.ToDevice(device)])
proteins = TUDataset("data/TUDataset", name="PROTEINS", transform=on_device)


class GraphClassifier(torch.nn.Module):
    def __init__(self, features, classes):
        super().__init__()
        self.conv = GraphConv(features, 64)
        self.out = torch.nn.Linear(64, classes)

    def forward(self, x, edge_index, batch):
        return self.out(global_mean_pool(self.conv(x, edge_index).relu(), batch))


model = GraphClassifier(proteins.num_features, proteins.num_classes).to(device)
graph = proteins[0]
batch = torch.zeros(graph.num_nodes, dtype=torch.long, device=device)
print(model(graph.x, graph.edge_index, batch))

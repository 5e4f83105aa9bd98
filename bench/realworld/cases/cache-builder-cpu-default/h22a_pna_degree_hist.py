# source: https://github.com/pyg-team/pytorch_geometric/pull/7830
# error: RuntimeError: Expected all tensors to be on the same device, but found at least two devices, cuda:0 and cpu!
# pattern: cache-builder-cpu-default
# shape: helper, loader-loop
# bug-lines: 27, 30
# needs: torch, torch_geometric
# cpu: no written where torch was not installed; not run
import torch
import torch.nn.functional as F
from torch_geometric.datasets import ZINC
from torch_geometric.loader import DataLoader
from torch_geometric.nn import PNAConv, global_add_pool
from torch_geometric.utils import degree

device = torch.device("cuda" if torch.cuda.is_available() else "cpu")

# the whole (small) dataset is kept on the GPU to avoid per-batch copies
train_set = [d.to(device) for d in ZINC("data/ZINC", subset=True, split="train")]
train_loader = DataLoader(train_set, batch_size=128, shuffle=True)


def build_degree_histogram(loader):
    max_degree = 0
    for data in loader:
        d = degree(data.edge_index[1], num_nodes=data.num_nodes, dtype=torch.long)
        max_degree = max(max_degree, int(d.max()))
    hist = torch.zeros(max_degree + 1, dtype=torch.long)
    for data in loader:
        d = degree(data.edge_index[1], num_nodes=data.num_nodes, dtype=torch.long)
        hist += torch.bincount(d, minlength=hist.numel())
    return hist


class PNANet(torch.nn.Module):
    def __init__(self, deg, hidden=64):
        super().__init__()
        self.emb = torch.nn.Embedding(28, hidden)
        aggs = ["mean", "min", "max", "std"]
        scalers = ["identity", "amplification", "attenuation"]
        self.convs = torch.nn.ModuleList(
            [PNAConv(hidden, hidden, aggs, scalers, deg) for _ in range(3)]
        )
        self.head = torch.nn.Linear(hidden, 1)

    def forward(self, x, edge_index, batch):
        h = self.emb(x.squeeze(-1))
        for conv in self.convs:
            h = F.relu(conv(h, edge_index))
        return self.head(global_add_pool(h, batch))


deg = build_degree_histogram(train_loader)
model = PNANet(deg).to(device)
opt = torch.optim.Adam(model.parameters(), lr=1e-3)

for epoch in range(1, 51):
    total = 0.0
    for data in train_loader:
        opt.zero_grad()
        out = model(data.x, data.edge_index, data.batch).squeeze(-1)
        loss = F.l1_loss(out, data.y)
        loss.backward()
        opt.step()
        total += loss.item() * data.num_graphs
    print(f"epoch {epoch:02d} mae {total / len(train_set):.4f}")

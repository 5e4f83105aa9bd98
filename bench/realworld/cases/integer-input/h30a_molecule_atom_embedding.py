# source: https://github.com/pyg-team/pytorch_geometric/issues/1660
# error: RuntimeError: result type Float can't be cast to the desired output type Long
# pattern: integer-input
# shape: class, loader-loop
# looks-like: integer-input
# needs: torch, torch_geometric, rdkit
# cpu: no written where torch was not installed; not run
import torch
import torch.nn as nn
import torch.nn.functional as F
from torch_geometric.datasets import MoleculeNet
from torch_geometric.loader import DataLoader
from torch_geometric.nn import GCNConv, global_mean_pool

# MoleculeNet stores 9 categorical atom descriptors per node as int64 indices.
ATOM_FEATURE_SIZES = [119, 9, 11, 12, 9, 5, 8, 2, 2]


class AtomEncoder(nn.Module):
    def __init__(self, hidden):
        super().__init__()
        self.embeddings = nn.ModuleList(nn.Embedding(n, hidden) for n in ATOM_FEATURE_SIZES)

    def forward(self, x):
        return sum(emb(x[:, i]) for i, emb in enumerate(self.embeddings))


class MolGCN(nn.Module):
    def __init__(self, hidden=64, num_tasks=1):
        super().__init__()
        self.atom_encoder = AtomEncoder(hidden)
        self.conv1 = GCNConv(hidden, hidden)
        self.conv2 = GCNConv(hidden, hidden)
        self.head = nn.Linear(hidden, num_tasks)

    def forward(self, data):
        x = self.atom_encoder(data.x)
        x = F.relu(self.conv1(x, data.edge_index))
        x = F.dropout(x, p=0.2, training=self.training)
        x = F.relu(self.conv2(x, data.edge_index))
        return self.head(global_mean_pool(x, data.batch))


if __name__ == "__main__":
    device = torch.device("cuda" if torch.cuda.is_available() else "cpu")
    dataset = MoleculeNet(root="/tmp/molnet", name="HIV")
    loader = DataLoader(dataset, batch_size=64, shuffle=True)
    model = MolGCN(num_tasks=dataset[0].y.size(-1)).to(device)
    optimizer = torch.optim.Adam(model.parameters(), lr=0.01, weight_decay=5e-4)

    model.train()
    for epoch in range(20):
        total = 0.0
        for data in loader:
            data = data.to(device)
            optimizer.zero_grad()
            out = model(data)
            loss = F.binary_cross_entropy_with_logits(out, data.y.float())
            loss.backward()
            optimizer.step()
            total += loss.item() * data.num_graphs
        print(f"epoch {epoch}: loss {total / len(dataset):.4f}")

# source: https://github.com/dmlc/dgl/issues/1829
# error: dgl._ffi.base.DGLError: Cannot assign node feature "h" on device cuda:0 to a graph on device cpu. Call DGLGraph.to() to copy the graph to the same device.
# pattern: discarded-tensor-move
# shape: loader-loop, helper
# looks-like: discarded-tensor-move
# needs: torch, torch_geometric
# cpu: no written where torch was not installed; not run
"""Graph classification on TU benchmark graphs; PyG's Data/Batch.to() moves the stores in place."""
import torch
import torch.nn.functional as F
from torch_geometric.datasets import TUDataset
from torch_geometric.loader import DataLoader
from torch_geometric.nn import GINConv, global_add_pool


class GIN(torch.nn.Module):
    def __init__(self, in_dim, hidden, n_classes, n_layers=3):
        super().__init__()
        self.convs = torch.nn.ModuleList()
        dim = in_dim
        for _ in range(n_layers):
            mlp = torch.nn.Sequential(torch.nn.Linear(dim, hidden), torch.nn.ReLU(), torch.nn.Linear(hidden, hidden))
            self.convs.append(GINConv(mlp))
            dim = hidden
        self.head = torch.nn.Linear(hidden, n_classes)

    def forward(self, x, edge_index, batch):
        for conv in self.convs:
            x = F.relu(conv(x, edge_index))
        return self.head(global_add_pool(x, batch))


def run_epoch(model, loader, device, opt=None):
    training = opt is not None
    model.train(training)
    correct = total_loss = 0
    for data in loader:
        data.to(device)
        with torch.set_grad_enabled(training):
            out = model(data.x, data.edge_index, data.batch)
            loss = F.cross_entropy(out, data.y)
        if training:
            opt.zero_grad()
            loss.backward()
            opt.step()
        total_loss += loss.item() * data.num_graphs
        correct += int((out.argmax(-1) == data.y).sum())
    return total_loss / len(loader.dataset), correct / len(loader.dataset)


if __name__ == "__main__":
    device = torch.device("cuda" if torch.cuda.is_available() else "cpu")
    dataset = TUDataset("data/TU", name="MUTAG").shuffle()
    train_loader = DataLoader(dataset[:150], batch_size=32, shuffle=True)
    test_loader = DataLoader(dataset[150:], batch_size=64)
    model = GIN(dataset.num_features, 64, dataset.num_classes)
    model.to(device)
    opt = torch.optim.Adam(model.parameters(), lr=1e-3)
    for epoch in range(100):
        train_loss, train_acc = run_epoch(model, train_loader, device, opt)
        _, test_acc = run_epoch(model, test_loader, device)
    print(f"train acc {train_acc:.3f} test acc {test_acc:.3f}")

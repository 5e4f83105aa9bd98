# source: https://github.com/pyg-team/pytorch_geometric/issues/5040
# error: RuntimeError: Expected all tensors to be on the same device, but found at least two devices, cuda:0 and cpu!
# pattern: discarded-tensor-move
# shape: loader-loop, batch-dict, helper
# looks-like: discarded-tensor-move
# needs: torch, torch_geometric
# cpu: no written where torch was not installed; not run
"""Drug-target interaction link prediction on a drug/protein heterogeneous graph with mini-batches."""
import torch
import torch.nn.functional as F
from torch_geometric.loader import LinkNeighborLoader
from torch_geometric.nn import SAGEConv, to_hetero

EDGE = ("drug", "targets", "protein")


class GNN(torch.nn.Module):
    def __init__(self, hidden=128):
        super().__init__()
        self.conv1 = SAGEConv((-1, -1), hidden)
        self.conv2 = SAGEConv((-1, -1), hidden)

    def forward(self, x, edge_index):
        return self.conv2(F.relu(self.conv1(x, edge_index)), edge_index)


def move_batch(batch, device):
    x_dict = {node_type: x.to(device) for node_type, x in batch.x_dict.items()}
    edge_index_dict = {etype: ei.to(device) for etype, ei in batch.edge_index_dict.items()}
    label_index = batch[EDGE].edge_label_index.to(device)
    labels = batch[EDGE].edge_label.float().to(device)
    return x_dict, edge_index_dict, label_index, labels


def train_epoch(model, loader, optimizer, device):
    model.train()
    total = 0.0
    for batch in loader:
        x_dict, edge_index_dict, label_index, labels = move_batch(batch, device)
        h = model(x_dict, edge_index_dict)
        logits = (h["drug"][label_index[0]] * h["protein"][label_index[1]]).sum(dim=-1)
        loss = F.binary_cross_entropy_with_logits(logits, labels)
        optimizer.zero_grad()
        loss.backward()
        optimizer.step()
        total += loss.item()
    return total / len(loader)


if __name__ == "__main__":
    device = torch.device("cuda" if torch.cuda.is_available() else "cpu")
    graph = torch.load("data/davis_hetero_graph.pt")
    loader = LinkNeighborLoader(
        graph, num_neighbors=[15, 10], edge_label_index=(EDGE, graph[EDGE].edge_index),
        neg_sampling_ratio=1.0, batch_size=512, shuffle=True,
    )
    model = to_hetero(GNN(), graph.metadata(), aggr="sum")
    with torch.no_grad():
        x_dict, edge_index_dict, _, _ = move_batch(next(iter(loader)), torch.device("cpu"))
        model(x_dict, edge_index_dict)
    model.to(device)
    optimizer = torch.optim.Adam(model.parameters(), lr=1e-3)
    for epoch in range(30):
        print(f"epoch {epoch}: bce {train_epoch(model, loader, optimizer, device):.4f}")

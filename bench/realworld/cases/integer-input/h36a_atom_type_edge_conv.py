# source: https://github.com/pyg-team/pytorch_geometric/issues/273
# error: RuntimeError: expected scalar type Long but found Float
# pattern: integer-input
# shape: helper, batch-dict, loader-loop
# bug-lines: 16, 74
# needs: torch
# cpu: no written where torch was not installed; not run
import torch
import torch.nn as nn

ATOM_VOCAB = {"C": 0, "N": 1, "O": 2, "F": 3, "S": 4}


def mol_to_graph(atoms, bonds, charges, target):
    """atoms: element symbols, bonds: (i, j, order) triples, charges: formal charges."""
    x = torch.tensor([[ATOM_VOCAB[a], q] for a, q in zip(atoms, charges)])
    src = [i for i, _, _ in bonds] + [j for _, j, _ in bonds]
    dst = [j for _, j, _ in bonds] + [i for i, _, _ in bonds]
    orders = [float(o) for _, _, o in bonds] * 2
    return {
        "x": x,
        "edge_index": torch.tensor([src, dst], dtype=torch.long),
        "edge_attr": torch.tensor(orders, dtype=torch.float32).unsqueeze(-1),
        "y": torch.tensor([target], dtype=torch.float32),
    }


class EdgeConditionedConv(nn.Module):
    """NNConv-style layer: an MLP on the bond features produces the message weights."""

    def __init__(self, in_dim, out_dim, edge_dim):
        super().__init__()
        self.in_dim, self.out_dim = in_dim, out_dim
        self.edge_net = nn.Sequential(nn.Linear(edge_dim, 32), nn.ReLU(),
                                      nn.Linear(32, in_dim * out_dim))
        self.root = nn.Linear(in_dim, out_dim)

    def forward(self, x, edge_index, edge_attr):
        src, dst = edge_index
        weight = self.edge_net(edge_attr).view(-1, self.in_dim, self.out_dim)
        messages = torch.bmm(x[src].unsqueeze(1), weight).squeeze(1)
        out = torch.zeros(x.size(0), self.out_dim, device=x.device, dtype=messages.dtype)
        out.index_add_(0, dst, messages)
        return out + self.root(x)


class MolRegressor(nn.Module):
    def __init__(self, hidden=64):
        super().__init__()
        self.conv1 = EdgeConditionedConv(2, hidden, 1)
        self.conv2 = EdgeConditionedConv(hidden, hidden, 1)
        self.head = nn.Linear(hidden, 1)

    def forward(self, graph):
        h = torch.relu(self.conv1(graph["x"], graph["edge_index"], graph["edge_attr"]))
        h = torch.relu(self.conv2(h, graph["edge_index"], graph["edge_attr"]))
        return self.head(h.mean(dim=0))


if __name__ == "__main__":
    device = torch.device("cuda" if torch.cuda.is_available() else "cpu")
    raw = [
        (["C", "C", "O"], [(0, 1, 1), (1, 2, 1)], [0, 0, 0], -0.31),
        (["C", "N", "C", "O"], [(0, 1, 1), (1, 2, 1), (2, 3, 2)], [0, 0, 0, 0], 0.12),
        (["C", "F"], [(0, 1, 1)], [0, 0], -0.85),
        (["N", "O", "O"], [(0, 1, 2), (0, 2, 1)], [1, 0, -1], 0.47),
    ]
    graphs = [mol_to_graph(*r) for r in raw]
    model = MolRegressor().to(device)
    optimizer = torch.optim.Adam(model.parameters(), lr=1e-3)
    for epoch in range(50):
        for graph in graphs:
            graph = {k: v.to(device) for k, v in graph.items()}
            pred = model(graph)
            loss = nn.functional.mse_loss(pred, graph["y"])
            optimizer.zero_grad()
            loss.backward()
            optimizer.step()
        print(f"epoch {epoch}: last mse {loss.item():.4f}")

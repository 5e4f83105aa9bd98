# source: https://github.com/pyg-team/pytorch_geometric/issues/1446
# error: RuntimeError: Found dtype Long but expected Float
# pattern: integer-input
# shape: helper, loader-loop
# bug-lines: 26, 63
# needs: torch, torch_geometric, networkx
# cpu: no written where torch was not installed; not run
import networkx as nx
import torch
import torch.nn.functional as F
from torch_geometric.data import Data
from torch_geometric.loader import DataLoader
from torch_geometric.nn import GCNConv, global_mean_pool

device = torch.device("cuda" if torch.cuda.is_available() else "cpu")


def graph_to_data(g: nx.Graph, label: int) -> Data:
    """Turn a networkx interaction graph into a PyG Data object.

    The only node attribute we have is the number of transactions per node.
    """
    mapping = {n: i for i, n in enumerate(g.nodes())}
    edges = [(mapping[u], mapping[v]) for u, v in g.edges()]
    counts = [g.nodes[n].get("n_tx", 0) for n in g.nodes()]
    x = torch.tensor(counts).view(-1, 1)
    edge_index = torch.tensor(edges, dtype=torch.long).t().contiguous()
    edge_index = torch.cat([edge_index, edge_index.flip(0)], dim=1)
    y = torch.tensor([label], dtype=torch.long)
    return Data(x=x, edge_index=edge_index, y=y)


class TxGraphNet(torch.nn.Module):
    def __init__(self, hidden=32, num_classes=2):
        super().__init__()
        self.conv1 = GCNConv(1, hidden)
        self.conv2 = GCNConv(hidden, hidden)
        self.head = torch.nn.Linear(hidden, num_classes)

    def forward(self, x, edge_index, batch):
        x = F.relu(self.conv1(x, edge_index))
        x = F.relu(self.conv2(x, edge_index))
        return self.head(global_mean_pool(x, batch))


def load_graphs(n=200):
    graphs = []
    for i in range(n):
        g = nx.gnm_random_graph(20, 40, seed=i)
        for node in g.nodes():
            g.nodes[node]["n_tx"] = g.degree(node) * 3 + (i % 5)
        graphs.append(graph_to_data(g, label=i % 2))
    return graphs


loader = DataLoader(load_graphs(), batch_size=16, shuffle=True)
model = TxGraphNet().to(device)
optimizer = torch.optim.Adam(model.parameters(), lr=1e-3)
for epoch in range(20):
    for batch in loader:
        batch = batch.to(device)
        optimizer.zero_grad()
        out = model(batch.x, batch.edge_index, batch.batch)
        loss = F.cross_entropy(out, batch.y)
        loss.backward()
        optimizer.step()

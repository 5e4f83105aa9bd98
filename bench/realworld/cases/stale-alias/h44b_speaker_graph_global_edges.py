# source: https://github.com/snap-stanford/ogb/issues/68
# error: RuntimeError: Expected all tensors to be on the same device, but found at least two devices, cuda:0 and cpu! (when checking argument for argument index in method wrapper_CUDA__index_select)
# pattern: stale-alias
# shape: class, loader-loop, top-level
# bug-lines: 47, 52
# needs: torch
# cpu: no written where torch was not installed; not run
"""Graph-based speaker clustering refinement: every recording is a graph of
speech segments (nodes = segment embeddings, edges = high-affinity pairs) and
a small message-passing net predicts whether a segment belongs to the
dominant speaker."""
import torch
import torch.nn as nn
import torch.nn.functional as F


class SegmentGraph:
    def __init__(self, x, edge_index, y):
        self.x, self.edge_index, self.y = x, edge_index, y

    def to(self, device):
        return SegmentGraph(self.x.to(device), self.edge_index.to(device), self.y.to(device))


def make_recording_graph(n_segments=40, emb_dim=192, k=6):
    emb = F.normalize(torch.randn(n_segments, emb_dim), dim=-1)
    affinity = emb @ emb.t()
    nbrs = affinity.topk(k + 1, dim=-1).indices[:, 1:]
    src = torch.arange(n_segments).repeat_interleave(k)
    edge_index = torch.stack([src, nbrs.reshape(-1)])
    return SegmentGraph(emb, edge_index, torch.randint(0, 2, (n_segments,)).float())


recordings = [make_recording_graph() for _ in range(16)]
graph = recordings[0]
emb_dim = graph.x.size(1)


class AffinityGNN(nn.Module):
    def __init__(self, in_dim, hidden=128):
        super().__init__()
        self.lin1 = nn.Linear(2 * in_dim, hidden)
        self.lin2 = nn.Linear(2 * hidden, hidden)
        self.out = nn.Linear(hidden, 1)

    def propagate(self, x, edge_index):
        msg = x.index_select(0, edge_index[1])
        agg = torch.zeros_like(x).index_add_(0, edge_index[0], msg)
        return torch.cat([x, agg], dim=-1)

    def forward(self, x, edge_index):
        x, edge_index = x, graph.edge_index
        x = F.relu(self.lin1(self.propagate(x, edge_index)))
        x = F.relu(self.lin2(self.propagate(x, edge_index)))
        return self.out(x).squeeze(-1)


device = torch.device("cuda" if torch.cuda.is_available() else "cpu")
model = AffinityGNN(emb_dim).to(device)
optimizer = torch.optim.Adam(model.parameters(), lr=1e-3)
for epoch in range(5):
    for rec in recordings:
        rec = rec.to(device)
        logits = model(rec.x, rec.edge_index)
        loss = F.binary_cross_entropy_with_logits(logits, rec.y)
        optimizer.zero_grad()
        loss.backward()
        optimizer.step()

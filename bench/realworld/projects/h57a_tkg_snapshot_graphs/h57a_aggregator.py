# source: https://github.com/INK-USC/RE-Net/issues/69
# error: dgl._ffi.base.DGLError: Cannot assign node feature "h" on device cuda:0 to a graph on device cpu. Call DGLGraph.to() to copy the graph to the same device.
# pattern: discarded-tensor-move
# shape: multi-file, batch-dict, helper
# needs: torch, dgl
# cpu: no written where torch was not installed; not run
"""History aggregator: R-GCN over the snapshot graphs preceding a query time."""
import dgl.function as fn
import torch
import torch.nn as nn
import torch.nn.functional as F


class RGCNLayer(nn.Module):
    def __init__(self, dim, num_rels):
        super().__init__()
        self.rel_weight = nn.Parameter(torch.empty(2 * num_rels, dim, dim))
        self.self_loop = nn.Linear(dim, dim, bias=False)
        nn.init.xavier_uniform_(self.rel_weight)

    def forward(self, g, h):
        with g.local_scope():
            g.ndata["h"] = h
            g.apply_edges(lambda e: {"m": torch.bmm(e.src["h"].unsqueeze(1),
                                                    self.rel_weight[e.data["rel"]]).squeeze(1)
                                     * e.data["norm"]})
            g.update_all(fn.copy_e("m", "m"), fn.sum("m", "agg"))
            return F.relu(g.ndata["agg"] + self.self_loop(h))


class HistoryAggregator(nn.Module):
    def __init__(self, num_ents, num_rels, dim=200, history_len=10):
        super().__init__()
        self.ent_embeds = nn.Parameter(torch.empty(num_ents, dim))
        nn.init.xavier_uniform_(self.ent_embeds)
        self.layer = RGCNLayer(dim, num_rels)
        self.rnn = nn.GRU(dim, dim, batch_first=True)
        self.history_len = history_len

    def forward(self, graph_dict, query_time):
        times = [t for t in graph_dict if t < query_time][-self.history_len:]
        pooled = []
        for t in times:
            g = graph_dict[t]
            h = self.layer(g, self.ent_embeds[g.ndata["id"]])
            pooled.append(h.max(dim=0).values)
        if not pooled:
            return self.ent_embeds.new_zeros(1, self.ent_embeds.size(1))
        _, last = self.rnn(torch.stack(pooled).unsqueeze(0))
        return last.squeeze(0)

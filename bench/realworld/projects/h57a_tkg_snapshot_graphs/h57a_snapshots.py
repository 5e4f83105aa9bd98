# source: https://github.com/INK-USC/RE-Net/issues/69
# error: dgl._ffi.base.DGLError: Cannot assign node feature "h" on device cuda:0 to a graph on device cpu. Call DGLGraph.to() to copy the graph to the same device.
# pattern: discarded-tensor-move
# shape: multi-file, batch-dict, helper
# needs: torch, numpy, dgl
# cpu: no written where torch was not installed; not run
"""Turn (subject, relation, object, timestamp) quadruples into one DGL graph per timestamp."""
from collections import defaultdict

import dgl
import numpy as np
import torch


def load_quadruples(path):
    quads = np.loadtxt(path, dtype=np.int64)
    return quads[:, :4]


def build_snapshot(triples, num_rels):
    src, rel, dst = triples[:, 0], triples[:, 1], triples[:, 2]
    nodes, inverse = np.unique(np.concatenate([src, dst]), return_inverse=True)
    local_src, local_dst = np.split(inverse, 2)
    g = dgl.graph((np.concatenate([local_src, local_dst]), np.concatenate([local_dst, local_src])),
                  num_nodes=len(nodes))
    g.ndata["id"] = torch.from_numpy(nodes).long()
    g.edata["rel"] = torch.from_numpy(np.concatenate([rel, rel + num_rels])).long()
    in_deg = g.in_degrees().float().clamp(min=1)
    g.edata["norm"] = (1.0 / in_deg)[g.edges()[1]].unsqueeze(1)
    return g


def build_snapshot_graphs(quads, num_rels):
    by_time = defaultdict(list)
    for s, r, o, t in quads:
        by_time[int(t)].append((s, r, o))
    return {t: build_snapshot(np.asarray(trips), num_rels) for t, trips in sorted(by_time.items())}

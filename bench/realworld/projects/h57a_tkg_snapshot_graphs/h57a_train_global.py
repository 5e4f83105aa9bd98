# source: https://github.com/INK-USC/RE-Net/issues/69
# error: dgl._ffi.base.DGLError: Cannot assign node feature "h" on device cuda:0 to a graph on device cpu. Call DGLGraph.to() to copy the graph to the same device.
# pattern: discarded-tensor-move
# shape: multi-file, batch-dict, helper
# bug-lines: 23
# needs: torch, numpy, dgl
# cpu: no written where torch was not installed; not run
"""Pre-train the global history aggregator on ICEWS-style quadruples."""
import argparse

import torch
import torch.nn as nn

from h57a_aggregator import HistoryAggregator
from h57a_snapshots import build_snapshot_graphs, load_quadruples


def place_graphs(graph_dict, device):
    """Put every snapshot on the training device once, instead of per step."""
    if device.type == "cpu":
        return graph_dict
    for t in graph_dict:
        graph_dict[t].to(device)
    return graph_dict


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--data", default="data/ICEWS18/train.txt")
    parser.add_argument("--num-ents", type=int, default=23033)
    parser.add_argument("--num-rels", type=int, default=256)
    parser.add_argument("--gpu", type=int, default=0)
    args = parser.parse_args()

    device = torch.device(f"cuda:{args.gpu}" if args.gpu >= 0 else "cpu")
    quads = load_quadruples(args.data)
    graph_dict = place_graphs(build_snapshot_graphs(quads, args.num_rels), device)

    model = HistoryAggregator(args.num_ents, args.num_rels).to(device)
    scorer = nn.Linear(200, args.num_ents).to(device)
    opt = torch.optim.Adam(list(model.parameters()) + list(scorer.parameters()), lr=1e-3)

    times = sorted(graph_dict)
    for epoch in range(20):
        total = 0.0
        for t in times[1:]:
            state = model(graph_dict, t)
            g_next = graph_dict[t]
            target = torch.zeros(1, args.num_ents, device=device)
            target[0, g_next.ndata["id"].to(device)] = 1.0
            loss = nn.functional.binary_cross_entropy_with_logits(scorer(state), target)
            opt.zero_grad()
            loss.backward()
            opt.step()
            total += loss.item()
        print(f"epoch {epoch} loss {total / len(times):.4f}")


if __name__ == "__main__":
    main()

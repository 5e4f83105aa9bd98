# source: https://github.com/zshicode/GNN-for-text-classification/issues/5
# error: dgl._ffi.base.DGLError: Cannot assign node feature "h" on device cuda:0 to a graph on device cpu. Call DGLGraph.to() to copy the graph to the same device.
# pattern: stale-alias
# shape: multi-file, class
# bug-lines: 27, 30
# needs: torch, numpy, scipy, dgl
# cpu: no written where torch was not installed; not run
"""Train TextGCN on a document-word graph (one-hot node features, transductive split)."""
import argparse

import torch
import torch.nn.functional as F

from h57a_corpus_graph import build_text_graph, load_corpus
from h57a_text_gcn import TextGCN


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--epochs", type=int, default=200)
    parser.add_argument("--cuda", action="store_true")
    args = parser.parse_args()

    adj, labels, train_mask = load_corpus()
    g = build_text_graph(adj)
    n = g.num_nodes()
    model = TextGCN(g, in_dim=n, hidden=200, n_classes=int(labels.max()) + 1)

    device = torch.device("cuda" if args.cuda and torch.cuda.is_available() else "cpu")
    g = g.to(device)
    model = model.to(device)
    features = torch.eye(n, device=device)
    y = torch.from_numpy(labels).long().to(device)
    mask = torch.from_numpy(train_mask).to(device)

    opt = torch.optim.Adam(model.parameters(), lr=0.02)
    for epoch in range(args.epochs):
        model.train()
        logits = model(features)
        loss = F.cross_entropy(logits[mask], y[mask])
        opt.zero_grad()
        loss.backward()
        opt.step()
        if epoch % 20 == 0:
            acc = (logits[mask].argmax(1) == y[mask]).float().mean().item()
            print(f"epoch {epoch} loss {loss.item():.4f} train acc {acc:.3f}")

    doc_vectors = model.embedding.detach().cpu().numpy()
    print(doc_vectors.shape)


if __name__ == "__main__":
    main()

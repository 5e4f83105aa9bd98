# source: https://github.com/zshicode/GNN-for-text-classification/issues/5
# error: dgl._ffi.base.DGLError: Cannot assign node feature "h" on device cuda:0 to a graph on device cpu. Call DGLGraph.to() to copy the graph to the same device.
# pattern: stale-alias
# shape: multi-file, class
# needs: torch, numpy, scipy, dgl
# cpu: no written where torch was not installed; not run
"""Build the heterogeneous document-word graph used by TextGCN."""
import dgl
import numpy as np
import scipy.sparse as sp
import torch


def normalize_adj(adj):
    adj = adj + sp.eye(adj.shape[0])
    deg = np.asarray(adj.sum(1)).flatten()
    d_inv_sqrt = sp.diags(np.power(deg, -0.5))
    return (d_inv_sqrt @ adj @ d_inv_sqrt).tocoo()


def build_text_graph(adj):
    coo = normalize_adj(adj)
    g = dgl.graph((torch.from_numpy(coo.row).long(), torch.from_numpy(coo.col).long()),
                  num_nodes=adj.shape[0])
    g.edata["w"] = torch.from_numpy(coo.data).float()
    return g


def load_corpus(n_docs=800, n_words=1200, n_classes=5, seed=0):
    rng = np.random.default_rng(seed)
    n = n_docs + n_words
    doc_word = sp.random(n_docs, n_words, density=0.01, random_state=seed, format="csr")
    adj = sp.bmat([[None, doc_word], [doc_word.T, None]]).tocsr()
    labels = rng.integers(0, n_classes, n)
    train_mask = np.zeros(n, dtype=bool)
    train_mask[: int(0.6 * n_docs)] = True
    return adj, labels, train_mask

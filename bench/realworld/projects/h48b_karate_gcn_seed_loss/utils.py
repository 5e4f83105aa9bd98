# source: https://github.com/tkipf/pygcn/pull/13
# error: RuntimeError: Expected object of type torch.cuda.LongTensor but found type torch.LongTensor for argument #3 'index'
# pattern: legacy-tensor-constructor
# shape: multi-file, helper
# bug-lines: 50, 51, 52
# needs: torch, numpy, scipy
# cpu: no written where torch was not installed; not run
import numpy as np
import scipy.sparse as sp
import torch
import torch.nn.functional as F


def normalize(mx):
    rowsum = np.array(mx.sum(1)).flatten()
    with np.errstate(divide="ignore"):
        r_inv = 1.0 / rowsum
    r_inv[np.isinf(r_inv)] = 0.0
    return sp.diags(r_inv).dot(mx)


def sparse_mx_to_torch_sparse_tensor(sparse_mx):
    sparse_mx = sparse_mx.tocoo().astype(np.float32)
    indices = torch.from_numpy(np.vstack((sparse_mx.row, sparse_mx.col)).astype(np.int64))
    values = torch.from_numpy(sparse_mx.data)
    return torch.sparse_coo_tensor(indices, values, torch.Size(sparse_mx.shape))


def load_karate(path="data/karate/"):
    """Zachary's karate club: one-hot node features, friendship edges, 4 communities."""
    content = np.genfromtxt(path + "karate.content", dtype=np.dtype(str))
    features = sp.csr_matrix(content[:, 1:-1], dtype=np.float32)
    communities = sorted(set(content[:, -1]))
    labels = np.array([communities.index(c) for c in content[:, -1]])

    idx_map = {int(j): i for i, j in enumerate(content[:, 0])}
    edges_raw = np.genfromtxt(path + "karate.cites", dtype=np.int32)
    edges = np.array([[idx_map[a], idx_map[b]] for a, b in edges_raw])
    adj = sp.coo_matrix((np.ones(len(edges)), (edges[:, 0], edges[:, 1])),
                        shape=(len(labels), len(labels)), dtype=np.float32)
    adj = adj + adj.T.multiply(adj.T > adj) - adj.multiply(adj.T > adj)
    adj = normalize(adj + sp.eye(adj.shape[0]))

    features = torch.from_numpy(np.asarray(normalize(features).todense(), dtype=np.float32))
    return sparse_mx_to_torch_sparse_tensor(adj), features, torch.from_numpy(labels)


def seed_loss(output, seed_nodes, seed_labels):
    """Semi-supervised loss: only one labelled member per community."""
    idx = torch.LongTensor(seed_nodes)
    target = torch.LongTensor(seed_labels)
    return F.nll_loss(torch.index_select(output, 0, idx), target)


def accuracy(output, labels):
    preds = output.max(1)[1].type_as(labels)
    return preds.eq(labels).double().mean()

# source: https://github.com/DSE-MSU/DeepRobust/issues/74
# error: RuntimeError: Expected all tensors to be on the same device, but found at least two devices, cuda:2 and cuda:0!
# pattern: current-gpu-mismatch
# shape: multi-file, helper, class
# bug-lines: 31, 32
# needs: numpy, scipy, torch
# cpu: no written where torch was not installed; not run
import numpy as np
import scipy.sparse as sp
import torch


def load_npz(path):
    with np.load(path, allow_pickle=True) as f:
        adj = sp.csr_matrix((f["adj_data"], f["adj_indices"], f["adj_indptr"]), shape=f["adj_shape"])
        attr = sp.csr_matrix((f["attr_data"], f["attr_indices"], f["attr_indptr"]), shape=f["attr_shape"])
        labels = f["labels"]
    adj = adj + adj.T
    adj[adj > 1] = 1
    return adj, attr, labels


def to_tensor(adj, attr, labels, device):
    adj = torch.tensor(adj.toarray(), dtype=torch.float32, device=device)
    features = torch.tensor(attr.toarray(), dtype=torch.float32, device=device)
    labels = torch.tensor(labels, dtype=torch.long, device=device)
    return adj, features, labels


def normalize_adj_tensor(adj):
    device = torch.device("cuda" if adj.is_cuda else "cpu")
    mx = adj + torch.eye(adj.shape[0]).to(device)
    rowsum = mx.sum(1)
    r_inv = rowsum.pow(-1 / 2).flatten()
    r_inv[torch.isinf(r_inv)] = 0.0
    r_mat_inv = torch.diag(r_inv)
    return r_mat_inv @ mx @ r_mat_inv


def accuracy(output, labels):
    preds = output.argmax(1)
    return (preds == labels).float().mean().item()

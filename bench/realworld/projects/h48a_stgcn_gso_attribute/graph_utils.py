# source: https://github.com/GestaltCogTeam/BasicTS/pull/53
# error: RuntimeError: Expected all tensors to be on the same device, but found at least two devices, cuda:0 and cpu!
# pattern: tensor-attribute-not-buffer
# shape: multi-file, class
# needs: torch, numpy
# cpu: no written where torch was not installed; not run
import pickle

import numpy as np
import torch


def load_sensor_graph(pkl_path):
    """Reads the (sensor_ids, id_to_index, adjacency) triple shipped with PEMS-BAY."""
    with open(pkl_path, "rb") as fh:
        _, _, adj = pickle.load(fh, encoding="latin1")
    return np.asarray(adj, dtype=np.float32)


def sym_norm_laplacian(adj):
    adj = adj + np.eye(adj.shape[0], dtype=np.float32)
    deg = adj.sum(axis=1)
    d_inv_sqrt = np.power(deg, -0.5, where=deg > 0)
    return np.eye(adj.shape[0], dtype=np.float32) - (d_inv_sqrt[:, None] * adj * d_inv_sqrt[None, :])


def build_gso(pkl_path, kind="sym_norm_lap"):
    adj = load_sensor_graph(pkl_path)
    if kind == "sym_norm_lap":
        lap = sym_norm_laplacian(adj)
        eigmax = float(np.linalg.eigvalsh(lap).max())
        gso = 2.0 * lap / eigmax - np.eye(adj.shape[0], dtype=np.float32)
    else:
        gso = adj / np.maximum(adj.sum(axis=1, keepdims=True), 1e-6)
    return torch.from_numpy(gso.astype(np.float32))


def sliding_windows(speed, n_hist=12, n_pred=12, stride=1):
    xs, ys = [], []
    for t in range(0, speed.shape[0] - n_hist - n_pred + 1, stride):
        xs.append(speed[t:t + n_hist])
        ys.append(speed[t + n_hist:t + n_hist + n_pred])
    x = torch.from_numpy(np.stack(xs)).unsqueeze(1)  # (B, 1, T, N)
    y = torch.from_numpy(np.stack(ys))  # (B, T_out, N)
    return x, y

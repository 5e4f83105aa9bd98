# source: https://github.com/hengruizhang98/GCMC-Pytorch-dgl/issues/3
# error: RuntimeError: Expected all tensors to be on the same device, but found at least two devices, cpu and cuda:0! (when checking argument for argument mat1 in method wrapper_CUDA_addmm)
# pattern: inputs-not-moved
# shape: multi-file, helper, class
# needs: numpy, pandas, torch, dgl
# cpu: no written where torch was not installed; not run
import numpy as np
import pandas as pd
import torch
import dgl


def load_ratings(path):
    df = pd.read_csv(path, sep="\t", names=["user", "item", "rating", "ts"])
    df["user"] = df["user"].astype("category").cat.codes
    df["item"] = df["item"].astype("category").cat.codes
    return df


def side_features(df, n_users, n_items):
    # one-hot ids plus a normalised degree column, as in the GCMC paper
    u_deg = np.bincount(df["user"].values, minlength=n_users).astype(np.float32)
    i_deg = np.bincount(df["item"].values, minlength=n_items).astype(np.float32)
    u_feat = np.concatenate([np.eye(n_users, dtype=np.float32), u_deg[:, None] / u_deg.max()], 1)
    i_feat = np.concatenate([np.eye(n_items, dtype=np.float32), i_deg[:, None] / i_deg.max()], 1)
    return torch.from_numpy(u_feat), torch.from_numpy(i_feat)


def build_graphs(df, n_users, n_items, rating_values):
    data = {}
    for r in rating_values:
        sub = df[df["rating"] == r]
        u = torch.tensor(sub["user"].values, dtype=torch.long)
        i = torch.tensor(sub["item"].values, dtype=torch.long)
        data[("user", str(r), "item")] = (u, i)
        data[("item", "rev-" + str(r), "user")] = (i, u)
    num_nodes = {"user": n_users, "item": n_items}
    enc_graph = dgl.heterograph(data, num_nodes_dict=num_nodes)
    pairs = (torch.tensor(df["user"].values, dtype=torch.long),
             torch.tensor(df["item"].values, dtype=torch.long))
    dec_graph = dgl.heterograph({("user", "rate", "item"): pairs}, num_nodes_dict=num_nodes)
    labels = torch.tensor([rating_values.index(r) for r in df["rating"].values], dtype=torch.long)
    return enc_graph, dec_graph, labels

# source: https://github.com/dmlc/dgl/issues/2842
# error: RuntimeError: Expected all tensors to be on the same device, but found at least two devices, cuda:0 and cuda:7!
# pattern: current-gpu-mismatch
# shape: multi-file, helper
# bug-lines: 27, 28
# needs: torch, dgl, numpy
# cpu: no written where torch was not installed; not run
import dgl
import numpy as np
import torch


def load_citation_graph(prefix: str, use_gpu: bool):
    """Load an edge list plus dense features/labels saved by the preprocessing job."""
    edges = np.load(f"{prefix}_edges.npy")
    feats = np.load(f"{prefix}_feats.npy").astype(np.float32)
    labels = np.load(f"{prefix}_labels.npy").astype(np.int64)
    split = np.load(f"{prefix}_split.npz")

    g = dgl.graph((torch.from_numpy(edges[:, 0]), torch.from_numpy(edges[:, 1])),
                  num_nodes=feats.shape[0])
    g = dgl.add_self_loop(dgl.to_bidirected(g))

    features = torch.from_numpy(feats)
    labels = torch.from_numpy(labels)
    if use_gpu:
        features = features.cuda()
        labels = labels.cuda()
    masks = {k: torch.from_numpy(split[k]).bool() for k in ("train", "val", "test")}
    return g, features, labels, masks

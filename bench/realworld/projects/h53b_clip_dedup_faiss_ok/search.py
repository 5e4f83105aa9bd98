# source: https://github.com/facebookresearch/faiss/issues/2902
# error: TypeError: can't convert cuda:0 device type tensor to numpy. Use Tensor.cpu() to copy the tensor to host memory first.
# pattern: numpy-of-device-tensor
# shape: multi-file, helper
# looks-like: numpy-of-device-tensor
# needs: torch, numpy, faiss
# cpu: no written where torch was not installed; not run
"""Cosine-similarity search over CLIP embeddings with a flat faiss index."""
import faiss
import numpy as np


def to_faiss(emb):
    return np.ascontiguousarray(emb.numpy().astype("float32"))


def duplicate_groups(emb, keys, threshold=0.97, k=8):
    xb = to_faiss(emb)
    index = faiss.IndexFlatIP(xb.shape[1])
    index.add(xb)
    lims, dists, ids = index.range_search(xb, threshold)
    groups = {}
    for i, key in enumerate(keys):
        hits = [keys[j] for j in ids[lims[i]:lims[i + 1]] if j != i]
        if hits:
            groups[key] = hits[:k]
    return groups

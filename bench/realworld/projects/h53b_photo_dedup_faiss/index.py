# source: https://github.com/facebookresearch/faiss/issues/3127
# error: TypeError: can't convert cuda:0 device type tensor to numpy. Use Tensor.cpu() to copy the tensor to host memory first.
# pattern: numpy-of-device-tensor
# shape: multi-file, helper
# bug-lines: 14, 21
# needs: torch, numpy, faiss
# cpu: no written where torch was not installed; not run
"""Inner-product faiss index over L2-normalised embeddings."""
import faiss
import numpy as np


def build_index(embeddings):
    xb = np.ascontiguousarray(embeddings.numpy(), dtype="float32")
    index = faiss.IndexFlatIP(xb.shape[1])
    index.add(xb)
    return index


def near_duplicate_pairs(index, embeddings, paths, k=5, threshold=0.95):
    scores, neighbours = index.search(embeddings.numpy(), k)
    pairs = set()
    for i in range(len(paths)):
        for score, j in zip(scores[i], neighbours[i]):
            if j > i and score >= threshold:
                pairs.add((paths[i], paths[j], float(score)))
    return sorted(pairs, key=lambda p: -p[2])

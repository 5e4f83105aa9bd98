# source: https://github.com/fdbtrs/ElasticFace/pull/13
# error: RuntimeError: Input type (torch.FloatTensor) and weight type (torch.cuda.FloatTensor) should be the same or input should be a MKLDNN tensor and weight is a dense tensor
# pattern: inputs-not-moved
# shape: helper, loader-loop, multi-file
# bug-lines: 40
# needs: torch, numpy, pillow
# cpu: no written where torch was not installed; not run
"""Pair verification on the packed LFW / CFP-FP / AgeDB-30 .bin files."""
import io
import pickle

import numpy as np
import torch
from PIL import Image


def load_bin(path, image_size=(112, 112)):
    with open(path, "rb") as f:
        bins, issame_list = pickle.load(f, encoding="bytes")
    data_list = [torch.empty((len(bins), 3, image_size[0], image_size[1])) for _ in range(2)]
    for idx, _bin in enumerate(bins):
        img = Image.open(io.BytesIO(_bin)).convert("RGB").resize(image_size)
        img = torch.from_numpy(np.asarray(img).transpose(2, 0, 1).copy())
        data_list[0][idx][:] = img
        data_list[1][idx][:] = torch.flip(img, dims=[2])
        if idx % 1000 == 0:
            print("loading bin", idx)
    return data_list, issame_list


@torch.no_grad()
def compute_embeddings(data_set, backbone, batch_size):
    data_list, issame_list = data_set
    embeddings_list = []
    for data in data_list:
        embeddings = None
        for ba in range(0, data.shape[0], batch_size):
            bb = min(ba + batch_size, data.shape[0])
            img = ((data[ba:bb] / 255) - 0.5) / 0.5
            net_out = backbone(img)
            if embeddings is None:
                embeddings = np.zeros((data.shape[0], net_out.shape[1]))
            embeddings[ba:bb] = net_out.detach().cpu().numpy()
        embeddings_list.append(embeddings)
    return embeddings_list, issame_list


def verification_accuracy(embeddings_list, issame_list, nfolds=10):
    emb = embeddings_list[0] + embeddings_list[1]
    emb = emb / np.linalg.norm(emb, axis=1, keepdims=True)
    dist = np.sum((emb[0::2] - emb[1::2]) ** 2, axis=1)
    actual = np.asarray(issame_list, dtype=bool)
    thresholds = np.arange(0, 4, 0.01)
    folds = np.array_split(np.arange(len(dist)), nfolds)
    accs = []
    for k in range(nfolds):
        test = folds[k]
        train = np.concatenate([folds[j] for j in range(nfolds) if j != k])
        best = max(thresholds, key=lambda t: np.mean((dist[train] < t) == actual[train]))
        accs.append(np.mean((dist[test] < best) == actual[test]))
    return float(np.mean(accs)), float(np.std(accs))

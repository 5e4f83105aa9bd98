# The vectors are read as float32, the dtype of the weights they meet.
import numpy as np
import torch
from torch import nn


def load_vectors(path):
    vectors = {}
    with open(path) as f:
        for line in f:
            word, *vals = line.split()
            vectors[word] = np.array([float(v) for v in vals], dtype=np.float32)
    return vectors


def embed(sentence, vectors):
    found = [vectors[w] for w in sentence.split() if w in vectors]
    return np.mean(found, axis=0)


def predict(sentences, path):
    vectors = load_vectors(path)
    clf = nn.Linear(300, 5)
    feats = torch.from_numpy(np.stack([embed(s, vectors) for s in sentences]))
    return clf(feats).argmax(-1)

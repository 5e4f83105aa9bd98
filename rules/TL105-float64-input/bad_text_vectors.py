# Word vectors read from a text file: `float(v)` is a Python float, and numpy makes
# float64 of those; the mean of a sentence's vectors is float64 too, and it meets the
# classifier's float32 weights.
import numpy as np
import torch
from torch import nn


def load_vectors(path):
    vectors = {}
    with open(path) as f:
        for line in f:
            word, *vals = line.split()
            vectors[word] = np.array([float(v) for v in vals])
    return vectors


def embed(sentence, vectors):
    found = [vectors[w] for w in sentence.split() if w in vectors]
    return np.mean(found, axis=0)


def predict(sentences, path):
    vectors = load_vectors(path)
    clf = nn.Linear(300, 5)
    feats = torch.from_numpy(np.stack([embed(s, vectors) for s in sentences]))  # expect: TL105:13 lines=27
    return clf(feats).argmax(-1)

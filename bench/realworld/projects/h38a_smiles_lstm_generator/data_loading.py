# source: https://github.com/LamUong/Generate-novel-molecules-with-LSTM/issues/1
# error: AssertionError: Torch not compiled with CUDA enabled
# pattern: hard-coded-cuda
# shape: multi-file, helper, loader-loop
# bug-lines: 47
# needs: torch, numpy
# cpu: no written where torch was not installed; not run
import random

import numpy as np
import torch

START, END, PAD = "G", "E", " "


def read_smiles(path, max_len=100):
    with open(path) as fh:
        smiles = [line.split()[0] for line in fh if line.strip()]
    return [s for s in smiles if len(s) <= max_len - 2]


def build_vocab(smiles):
    chars = sorted(set("".join(smiles)) | {START, END, PAD})
    return {c: i for i, c in enumerate(chars)}


def encode(smiles, vocab, max_len):
    padded = (START + smiles + END).ljust(max_len, PAD)
    return [vocab[c] for c in padded]


def make_batch(batch_smiles, vocab, max_len):
    idx = np.array([encode(s, vocab, max_len) for s in batch_smiles], dtype=np.int64)
    one_hot = np.zeros((len(batch_smiles), max_len, len(vocab)), dtype=np.float32)
    for b in range(idx.shape[0]):
        one_hot[b, np.arange(max_len), idx[b]] = 1.0
    return one_hot[:, :-1], idx[:, 1:]


def iterate_batches(smiles, vocab, batch_size=128, max_len=100, shuffle=True):
    order = list(range(len(smiles)))
    if shuffle:
        random.shuffle(order)
    for start in range(0, len(order), batch_size):
        chunk = [smiles[i] for i in order[start : start + batch_size]]
        x, y = make_batch(chunk, vocab, max_len)
        yield torch.from_numpy(x).cuda(), torch.from_numpy(y).cuda()

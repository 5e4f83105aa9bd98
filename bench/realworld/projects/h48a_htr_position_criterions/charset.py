# source: https://github.com/Lightning-AI/pytorch-lightning/issues/2468
# error: RuntimeError: Expected all tensors to be on the same device, but got weight is on cpu, different from other tensors on cuda:0 (when checking argument in method wrapper_CUDA_nll_loss_forward)
# pattern: module-in-plain-container
# shape: multi-file, helper
# needs: torch
# cpu: no written where torch was not installed; not run
import string

import torch

ALPHABET = string.ascii_letters + string.digits + string.punctuation + " "
PAD, EOS = 0, 1
NUM_CLASSES = len(ALPHABET) + 2  # 94 printable symbols + pad + eos
MAX_LEN = 26


def encode(word):
    ids = [ALPHABET.index(c) + 2 for c in word[:MAX_LEN - 1]] + [EOS]
    return torch.tensor(ids + [PAD] * (MAX_LEN - len(ids)), dtype=torch.long)


def read_labels(label_file):
    pairs = []
    with open(label_file, encoding="utf-8") as fh:
        for line in fh:
            path, word = line.rstrip("\n").split("\t", 1)
            pairs.append((path, word))
    return pairs


def letter_weights_per_position(label_file, smoothing=1.0):
    """Inverse-frequency class weights, one vector per character position."""
    counts = torch.full((MAX_LEN, NUM_CLASSES), smoothing)
    for _, word in read_labels(label_file):
        ids = encode(word)
        counts[torch.arange(MAX_LEN), ids] += 1
    weights = counts.sum(dim=1, keepdim=True) / counts
    return list(weights / weights.mean(dim=1, keepdim=True))

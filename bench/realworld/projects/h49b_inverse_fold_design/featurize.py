# source: https://github.com/facebookresearch/esm/issues/374
# error: RuntimeError: Expected all tensors to be on the same device, but found at least two devices, cuda:0 and cpu!
# pattern: tensor-created-without-device
# shape: multi-file, class
# bug-lines: 30, 31
# needs: torch, numpy
# cpu: no written where torch was not installed; not run
"""Padding/batching of backbone coordinates and partial sequences."""
import numpy as np
import torch

AA = "ACDEFGHIKLMNPQRSTVWY"
PAD, MASK, BOS = 20, 21, 22


class CoordBatcher:
    """Turns a list of (coords [L,3,3], partial_seq) pairs into padded tensors."""

    def __init__(self, max_len=None):
        self.max_len = max_len

    def encode_seq(self, seq, length):
        if seq is None:
            return [MASK] * length
        return [AA.index(c) if c in AA else MASK for c in seq]

    def __call__(self, items):
        lengths = [len(c) for c, _ in items]
        L = max(lengths) if self.max_len is None else self.max_len
        coords = torch.full((len(items), L, 3, 3), float("nan"))
        tokens = torch.full((len(items), L + 1), PAD, dtype=torch.long)
        for i, (c, seq) in enumerate(items):
            n = min(len(c), L)
            coords[i, :n] = torch.from_numpy(np.asarray(c[:n], dtype=np.float32))
            tokens[i, 0] = BOS
            tokens[i, 1:n + 1] = torch.tensor(self.encode_seq(seq, n)[:n])
        padding_mask = torch.isnan(coords[:, :, 0, 0])
        coords = torch.nan_to_num(coords)
        return coords, tokens, padding_mask

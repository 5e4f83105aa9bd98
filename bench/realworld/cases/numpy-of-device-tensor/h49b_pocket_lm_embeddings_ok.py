# source: https://github.com/plainerman/DiffDock-Pocket/issues/8
# error: TypeError: can't convert cuda:0 device type tensor to numpy. Use Tensor.cpu() to copy the tensor to host memory first.
# pattern: numpy-of-device-tensor
# shape: class, helper
# looks-like: numpy-of-device-tensor
# needs: torch, numpy, esm
# cpu: no written where torch was not installed; not run
"""Cache per-residue ESM embeddings of receptor chains as numpy arrays for docking."""
import os
import pickle
import sys

import esm
import numpy as np
import torch


class ReceptorEmbedder:
    def __init__(self, device):
        self.device = device
        self.model, alphabet = esm.pretrained.esm2_t33_650M_UR50D()
        self.model = self.model.eval().to(device)
        self.converter = alphabet.get_batch_converter()

    @torch.no_grad()
    def embed_chain(self, name, seq):
        _, _, tokens = self.converter([(name, seq)])
        reps = self.model(tokens.to(self.device), repr_layers=[33])["representations"][33]
        return reps[0, 1:len(seq) + 1]

    def embed_receptor(self, chains, valid_masks):
        kept = []
        for (name, seq), mask in zip(chains, valid_masks):
            emb = self.embed_chain(name, seq)
            keep = torch.as_tensor(mask, device=emb.device)
            kept.append(emb[keep].cpu())
        if not kept:
            return None
        return np.concatenate([k.numpy() for k in kept], axis=0)


def read_chains(fasta_path):
    chains, name = [], None
    for line in open(fasta_path):
        line = line.strip()
        if line.startswith(">"):
            name = line[1:].split()[0]
        elif line and name is not None:
            chains.append((name, line))
    return chains


if __name__ == "__main__":
    device = torch.device("cuda" if torch.cuda.is_available() else "cpu")
    embedder = ReceptorEmbedder(device)
    cache = {}
    for fasta in sorted(os.listdir(sys.argv[1])):
        chains = read_chains(os.path.join(sys.argv[1], fasta))
        masks = [np.array([aa != "X" for aa in seq]) for _, seq in chains]
        cache[fasta] = embedder.embed_receptor(chains, masks)
    with open(sys.argv[2], "wb") as fh:
        pickle.dump(cache, fh)

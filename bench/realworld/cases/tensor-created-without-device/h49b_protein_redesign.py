# source: https://github.com/generatebio/chroma/issues/40
# error: RuntimeError: Expected all tensors to be on the same device, but found at least two devices, cuda:0 and cpu!
# pattern: tensor-created-without-device
# shape: helper, class
# bug-lines: 31, 32, 59
# needs: torch, numpy
# cpu: no written where torch was not installed; not run
"""Redesign the sequence of a backbone read from a PDB file with a graph designer."""
import sys

import numpy as np
import torch
import torch.nn as nn

ALPHABET = "ACDEFGHIKLMNPQRSTVWY"


class Backbone:
    def __init__(self, X, C, S):
        self.X, self.C, self.S = X, C, S

    @classmethod
    def from_pdb(cls, path):
        coords, chains, seq = [], [], []
        for line in open(path):
            if line.startswith("ATOM") and line[12:16].strip() in ("N", "CA", "C", "O"):
                coords.append([float(line[30:38]), float(line[38:46]), float(line[46:54])])
                if line[12:16].strip() == "CA":
                    chains.append(ord(line[21]) - ord("A") + 1)
                    seq.append(line[17:20])
        X = torch.tensor(np.array(coords).reshape(1, -1, 4, 3), dtype=torch.float32)
        C = torch.tensor(chains, dtype=torch.long).unsqueeze(0)
        S = torch.zeros_like(C)
        return cls(X, C, S)


class GraphDesigner(nn.Module):
    def __init__(self, dim=128, k_neighbors=30):
        super().__init__()
        self.k = k_neighbors
        self.node_in = nn.Linear(12, dim)
        self.chain_embed = nn.Embedding(64, dim)
        self.edge_mlp = nn.Sequential(nn.Linear(2 * dim + 1, dim), nn.ReLU(), nn.Linear(dim, dim))
        self.out = nn.Linear(dim, len(ALPHABET))

    def encode(self, X, C):
        h = self.node_in(X.flatten(2)) + self.chain_embed(C)
        ca = X[:, :, 1]
        dist = torch.cdist(ca, ca)
        idx = dist.topk(min(self.k, ca.shape[1]), largest=False).indices
        nbr = torch.gather(h.unsqueeze(1).expand(-1, h.shape[1], -1, -1), 2,
                           idx.unsqueeze(-1).expand(-1, -1, -1, h.shape[-1]))
        d = torch.gather(dist, 2, idx).unsqueeze(-1)
        msg = self.edge_mlp(torch.cat([h.unsqueeze(2).expand_as(nbr), nbr, d], -1))
        return h + msg.mean(2)

    @torch.no_grad()
    def design(self, backbone, temperature=0.1):
        h = self.encode(backbone.X, backbone.C)
        probs = torch.softmax(self.out(h) / temperature, dim=-1)
        return torch.multinomial(probs[0], 1).squeeze(-1)


if __name__ == "__main__":
    device = "cuda" if torch.cuda.is_available() else "cpu"
    designer = GraphDesigner().to(device)
    designer.load_state_dict(torch.load("graph_designer.pt", map_location=device))
    designer.eval()
    protein = Backbone.from_pdb(sys.argv[1])
    S_sample = designer.design(protein)
    print("".join(ALPHABET[i] for i in S_sample.tolist()))

# source: https://github.com/generatebio/chroma/issues/10
# error: RuntimeError: Expected all tensors to be on the same device, but found at least two devices, cuda:0 and cpu!
# pattern: tensor-created-without-device
# shape: helper, class
# looks-like: tensor-created-without-device
# needs: torch, numpy
# cpu: no written where torch was not installed; not run
"""Batch sequence redesign of several backbones; inputs are built on the designer's device."""
import glob
import sys

import numpy as np
import torch
import torch.nn as nn

ALPHABET = "ACDEFGHIKLMNPQRSTVWY"


def read_backbone(path, device):
    atoms, chain_ids = [], []
    for line in open(path):
        name = line[12:16].strip()
        if line.startswith("ATOM") and name in ("N", "CA", "C", "O"):
            atoms.append([float(line[30:38]), float(line[38:46]), float(line[46:54])])
            if name == "CA":
                chain_ids.append(ord(line[21]) - ord("A") + 1)
    X = torch.tensor(np.asarray(atoms, dtype=np.float32).reshape(1, -1, 4, 3), device=device)
    C = torch.tensor(chain_ids, dtype=torch.long, device=device).unsqueeze(0)
    mask = torch.ones(C.shape, dtype=torch.bool, device=device)
    return {"X": X, "C": C, "mask": mask}


class PairDesigner(nn.Module):
    def __init__(self, dim=128):
        super().__init__()
        self.node_in = nn.Linear(12, dim)
        self.chain_embed = nn.Embedding(64, dim)
        self.pair = nn.Linear(1, dim)
        self.out = nn.Sequential(nn.ReLU(), nn.Linear(dim, len(ALPHABET)))

    def forward(self, X, C, mask):
        h = self.node_in(X.flatten(2)) + self.chain_embed(C)
        ca = X[:, :, 1]
        w = torch.softmax(-torch.cdist(ca, ca).masked_fill(~mask.unsqueeze(1), float("inf")), dim=-1)
        rel = self.pair(torch.cdist(ca, ca).unsqueeze(-1)).mean(2)
        return self.out(h + w @ h + rel)


@torch.no_grad()
def redesign(designer, pdb_paths, temperature=0.1):
    device = next(designer.parameters()).device
    designs = {}
    for path in pdb_paths:
        batch = read_backbone(path, device)
        logits = designer(batch["X"], batch["C"], batch["mask"])
        seq = torch.multinomial(torch.softmax(logits[0] / temperature, -1), 1).squeeze(-1)
        designs[path] = "".join(ALPHABET[i] for i in seq.tolist())
    return designs


if __name__ == "__main__":
    designer = PairDesigner()
    designer.load_state_dict(torch.load("pair_designer.pt", map_location="cpu"))
    designer = designer.to("cuda" if torch.cuda.is_available() else "cpu").eval()
    for path, seq in redesign(designer, sorted(glob.glob(sys.argv[1] + "/*.pdb"))).items():
        print(path, seq)

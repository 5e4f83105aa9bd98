# source: https://github.com/generatebio/chroma/issues/34
# error: RuntimeError: Expected all tensors to be on the same device, but found at least two devices, cuda:0 and cpu!
# pattern: inputs-not-moved
# shape: helper, batch-dict, loader-loop
# looks-like: inputs-not-moved
# needs: torch, numpy
# cpu: no written where torch was not installed; not run
"""Redesign sequences for a set of fixed protein backbones with a graph-based inverse-folding model."""
import glob
import os

import numpy as np
import torch
from torch.utils.data import DataLoader, Dataset

from inverse_folding import GraphDesignNetwork  # local package with the trained network

ALPHABET = "ACDEFGHIKLMNPQRSTVWY"


class BackboneDataset(Dataset):
    """Each .npz holds backbone coordinates X (L, 4, 3), chain map C (L,) and native sequence S (L,)."""

    def __init__(self, root):
        self.files = sorted(glob.glob(os.path.join(root, "*.npz")))

    def __len__(self):
        return len(self.files)

    def __getitem__(self, idx):
        arr = np.load(self.files[idx])
        return {
            "X": torch.from_numpy(arr["X"].astype(np.float32)),
            "C": torch.from_numpy(arr["C"].astype(np.int64)),
            "S": torch.from_numpy(arr["S"].astype(np.int64)),
            "name": os.path.basename(self.files[idx]),
        }


def to_device(batch, device):
    return {k: v.to(device) if torch.is_tensor(v) else v for k, v in batch.items()}


def redesign(checkpoint, backbone_dir, out_fasta, temperature=0.1):
    device = torch.device("cuda:0" if torch.cuda.is_available() else "cpu")
    network = GraphDesignNetwork.load(checkpoint).to(device).eval()
    loader = DataLoader(BackboneDataset(backbone_dir), batch_size=1)
    with open(out_fasta, "w") as out, torch.no_grad():
        for batch in loader:
            batch = to_device(batch, device)
            logits = network(batch["X"], batch["C"])
            probs = torch.softmax(logits / temperature, dim=-1)
            seq = torch.multinomial(probs[0], 1).squeeze(-1)
            recovery = (seq == batch["S"][0]).float().mean().item()
            out.write(f">{batch['name'][0]} recovery={recovery:.2f}\n")
            out.write("".join(ALPHABET[i] for i in seq.cpu().tolist()) + "\n")

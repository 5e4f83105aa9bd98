# source: https://github.com/sacdallago/biotrainer/issues/67
# error: RuntimeError: Expected all tensors to be on the same device, but found at least two devices, cuda:0 and cpu! (when checking argument for argument weight in method wrapper_CUDA_nll_loss2d_forward)
# pattern: legacy-tensor-constructor
# shape: multi-file, helper
# bug-lines: 58
# needs: torch, numpy, h5py
# cpu: no written where torch was not installed; not run
"""Per-residue embedding dataset and helpers for imbalanced label sets."""
import h5py
import numpy as np
import torch
from torch.utils.data import Dataset

PAD_LABEL = -100


class ResidueEmbeddingsDataset(Dataset):
    def __init__(self, h5_path, labels, class_to_idx):
        self.ids = sorted(labels.keys())
        self.labels = labels
        self.class_to_idx = class_to_idx
        with h5py.File(h5_path, "r") as fh:
            self.embeddings = {seq_id: np.array(fh[seq_id]) for seq_id in self.ids}

    def __len__(self):
        return len(self.ids)

    def __getitem__(self, idx):
        seq_id = self.ids[idx]
        emb = torch.from_numpy(self.embeddings[seq_id]).float()      # L x D
        target = torch.tensor([self.class_to_idx[c] for c in self.labels[seq_id]],
                              dtype=torch.long)                      # L
        return seq_id, emb, target


def pad_residue_batch(batch):
    ids, embs, targets = zip(*batch)
    max_len = max(e.shape[0] for e in embs)
    dim = embs[0].shape[1]
    x = torch.zeros(len(batch), max_len, dim)
    y = torch.full((len(batch), max_len), PAD_LABEL, dtype=torch.long)
    for i, (e, t) in enumerate(zip(embs, targets)):
        x[i, : e.shape[0]] = e
        y[i, : t.shape[0]] = t
    return list(ids), x, y


def compute_class_weights(labels, class_to_idx):
    """Inverse-frequency weights, normalised so that the mean weight is one."""
    counts = np.zeros(len(class_to_idx))
    for residues in labels.values():
        for c in residues:
            counts[class_to_idx[c]] += 1
    total = counts.sum()
    weights = total / (len(class_to_idx) * np.maximum(counts, 1))
    for cls, idx in sorted(class_to_idx.items(), key=lambda kv: kv[1]):
        print(f"  class {cls}: count={int(counts[idx])} weight={weights[idx]:.3f}")
    return torch.FloatTensor(weights)

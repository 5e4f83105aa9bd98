# source: https://github.com/BenMSK/trajectory_prediction_TraPHic/issues/1
# error: RuntimeError: Expected all tensors to be on the same device, but found at least two devices, cuda:0 and cpu!
# pattern: discarded-tensor-move
# shape: multi-file, helper, batch-dict
# looks-like: discarded-tensor-move
# needs: torch, numpy
# cpu: no written where torch was not installed; not run
"""Highway trajectory windows (NGSIM-style): 3 s of history, 5 s of future per target vehicle."""
import numpy as np
import torch
from torch.utils.data import Dataset


class HighwayTracks(Dataset):
    def __init__(self, npz_path, hist_len=15, fut_len=25, max_neighbors=8):
        data = np.load(npz_path)
        self.tracks = data["tracks"].astype(np.float32)         # (N, hist+fut, 2)
        self.neighbors = data["neighbors"].astype(np.float32)   # (N, max_nb, hist, 2)
        self.hist_len, self.fut_len = hist_len, fut_len
        self.max_nb = max_neighbors

    def __len__(self):
        return len(self.tracks)

    def __getitem__(self, i):
        hist = self.tracks[i, : self.hist_len]
        fut = self.tracks[i, self.hist_len: self.hist_len + self.fut_len]
        origin = hist[-1:]
        return {
            "hist": torch.from_numpy(hist - origin),
            "fut": torch.from_numpy(fut - origin),
            "nbrs": torch.from_numpy(self.neighbors[i, : self.max_nb] - origin),
        }


def batch_to_device(batch, device):
    """Return a new dict whose tensors live on `device` (Tensor.to is not in-place)."""
    moved = {}
    for key, value in batch.items():
        moved[key] = value.to(device, non_blocking=True)
    return moved

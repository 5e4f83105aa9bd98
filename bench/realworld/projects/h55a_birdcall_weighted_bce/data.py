# source: https://github.com/kitzeslab/opensoundscape/issues/438
# error: RuntimeError: Expected all tensors to be on the same device, but found at least two devices, cuda:0 and cpu!
# pattern: tensor-attribute-not-buffer
# shape: multi-file, class, loader-loop
# needs: torch, numpy, pandas
# cpu: no written where torch was not installed; not run
"""Clip-level dataset: one row per 5 s clip, one 0/1 column per species."""
import numpy as np
import pandas as pd
import torch
from torch.utils.data import Dataset


class BirdClipDataset(Dataset):
    def __init__(self, csv_path, spec_dir):
        self.df = pd.read_csv(csv_path, index_col="clip_id")
        self.spec_dir = spec_dir
        self.species = list(self.df.columns)

    def label_matrix(self):
        return self.df.values

    def __len__(self):
        return len(self.df)

    def __getitem__(self, idx):
        clip_id = self.df.index[idx]
        spec = np.load(f"{self.spec_dir}/{clip_id}.npy").astype(np.float32)
        spec = torch.from_numpy(spec).unsqueeze(0)  # (1, n_mels, frames)
        labels = torch.tensor(self.df.iloc[idx].values, dtype=torch.float32)
        return spec, labels

# source: https://github.com/ogchen/nanofold/pull/4
# error: RuntimeError: Expected all tensors to be on the same device, but found at least two devices, cuda:0 and cpu! (when checking argument for argument mat1 in method wrapper_CUDA_addmm)
# pattern: inputs-not-moved
# shape: multi-file, batch-dict, loader-loop
# needs: torch, polars
# cpu: no written where torch was not installed; not run
"""Streams fixed-length crops of PDB chains (backbone frames + sequence) for structure training."""
import logging

import polars as pl
import torch
from torch.utils.data import IterableDataset

RESIDUES = "ACDEFGHIKLMNPQRSTVWY"


def encode_one_hot(sequence):
    idx = torch.tensor([RESIDUES.index(r) if r in RESIDUES else len(RESIDUES) for r in sequence])
    return torch.nn.functional.one_hot(idx, len(RESIDUES) + 1).float()


class ChainDataset(IterableDataset):
    def __init__(self, df, residue_crop_size):
        super().__init__()
        self.residue_crop_size = residue_crop_size
        df = df.with_columns(length=pl.col("sequence").str.len_chars())
        self.df = df.filter(pl.col("length") >= residue_crop_size)

    @classmethod
    def construct_datasets(cls, arrow_file, train_split, residue_crop_size):
        df = pl.read_ipc(arrow_file, columns=["rotations", "translations", "sequence", "positions"])
        logging.info("loaded %d chains", len(df))
        n_train = int(train_split * len(df))
        df = df.sample(fraction=1.0, shuffle=True)
        return cls(df.head(n_train), residue_crop_size), cls(df.tail(-n_train), residue_crop_size)

    def __iter__(self):
        while True:
            for row in self.df.sample(n=min(100, len(self.df))).iter_rows(named=True):
                yield self.process_row(row)

    def process_row(self, row):
        start = torch.randint(0, row["length"] - self.residue_crop_size + 1, (1,)).item()
        end = start + self.residue_crop_size
        return {
            "rotations": torch.tensor(row["rotations"]).reshape(-1, 3, 3)[start:end],
            "translations": torch.tensor(row["translations"]).reshape(-1, 3)[start:end],
            "positions": torch.tensor(row["positions"])[start:end],
            "target_feat": encode_one_hot(row["sequence"][start:end]),
        }

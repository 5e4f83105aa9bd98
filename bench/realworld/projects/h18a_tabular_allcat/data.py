# source: https://github.com/OpenTabular/DeepTab/issues/448
# error: RuntimeError: mat1 and mat2 must have the same dtype, but got Long and Float
# pattern: integer-input
# shape: multi-file, batch-dict, loader-loop
# needs: torch, numpy, pandas
# cpu: no written where torch was not installed; not run

import numpy as np
import pandas as pd
import torch
from torch.utils.data import Dataset


class TabularPreprocessor:
    """Standardizes numeric columns and ordinal-encodes categorical ones."""

    def fit(self, df):
        self.num_cols = [c for c in df.columns if pd.api.types.is_numeric_dtype(df[c])]
        self.cat_cols = [c for c in df.columns if c not in self.num_cols]
        self.stats = {c: (df[c].mean(), df[c].std() + 1e-8) for c in self.num_cols}
        self.vocab = {c: {v: i + 1 for i, v in enumerate(sorted(df[c].astype(str).unique()))} for c in self.cat_cols}
        return self

    def transform(self, df):
        num = [((df[c].values - m) / s).astype(np.float32) for c, (m, s) in self.stats.items()]
        cat = [df[c].astype(str).map(self.vocab[c]).fillna(0).values.astype(np.int64) for c in self.cat_cols]
        return num, cat

    @property
    def cardinalities(self):
        return [len(v) + 1 for v in self.vocab.values()]


class TabularDataset(Dataset):
    def __init__(self, num, cat, labels):
        self.num = [torch.from_numpy(col).unsqueeze(1) for col in num]
        self.cat = [torch.from_numpy(col).unsqueeze(1) for col in cat]
        self.labels = torch.as_tensor(labels, dtype=torch.float32)

    def __len__(self):
        return len(self.labels)

    def __getitem__(self, idx):
        return (
            [col[idx] for col in self.num],
            [col[idx] for col in self.cat],
            self.labels[idx],
        )

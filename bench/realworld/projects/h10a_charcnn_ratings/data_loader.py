# source: https://github.com/ahmedbesbes/character-based-cnn/issues/5
# error: RuntimeError: Expected object of scalar type Long but got scalar type Float for argument #2 'target' in call to _thnn_nll_loss_forward
# shape: multi-file, loader-loop, batch-dict
# looks-like: loss-target-dtype
# needs: torch, numpy, pandas
# cpu: no written where torch was not installed; not run
import numpy as np
import pandas as pd
import torch
from torch.utils.data import DataLoader, Dataset

ALPHABET = "abcdefghijklmnopqrstuvwxyz0123456789,;.!?:'\"/\\|_@#$%^&*~`+-=<>()[]{} "


class ReviewDataset(Dataset):
    def __init__(self, csv_path, text_column="review", label_column="rating", max_length=150, group_labels=False):
        df = pd.read_csv(csv_path).dropna(subset=[text_column, label_column])
        self.texts = df[text_column].astype(str).str.lower().tolist()
        ratings = df[label_column].to_numpy()  # float64 after read_csv (e.g. 7.0)
        if group_labels:
            ratings = np.digitize(ratings, bins=[4.5, 6.5])  # bad / neutral / good
        self.labels = ratings.astype(np.int64)
        self.max_length = max_length
        self.char_to_idx = {c: i for i, c in enumerate(ALPHABET)}

    def __len__(self):
        return len(self.labels)

    def encode(self, text):
        onehot = np.zeros((len(ALPHABET), self.max_length), dtype=np.float32)
        for pos, ch in enumerate(text[: self.max_length]):
            idx = self.char_to_idx.get(ch)
            if idx is not None:
                onehot[idx, pos] = 1.0
        return onehot

    def __getitem__(self, index):
        x = torch.from_numpy(self.encode(self.texts[index]))
        y = torch.tensor(self.labels[index], dtype=torch.long)
        return x, y


def make_loaders(train_csv, val_csv, batch_size=128, **kwargs):
    train_set = ReviewDataset(train_csv, **kwargs)
    val_set = ReviewDataset(val_csv, **kwargs)
    return (DataLoader(train_set, batch_size=batch_size, shuffle=True, num_workers=4, drop_last=True),
            DataLoader(val_set, batch_size=batch_size, shuffle=False, num_workers=4))

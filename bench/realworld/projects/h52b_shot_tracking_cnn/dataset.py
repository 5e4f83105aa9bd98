# source: https://stackoverflow.com/questions/66074684/runtimeerror-expected-scalar-type-double-but-found-float-in-pytorch-cnn-train
# error: RuntimeError: expected scalar type Double but found Float
# pattern: float64-input
# shape: multi-file, helper, loader-loop
# bug-lines: 21
# needs: torch, numpy
# cpu: no written where torch was not installed; not run
import torch
from torch.utils.data import Dataset


class ShotWindows(Dataset):
    def __init__(self, windows, labels):
        self.windows = windows
        self.labels = labels

    def __len__(self):
        return len(self.labels)

    def __getitem__(self, idx):
        x = torch.from_numpy(self.windows[idx])
        y = torch.tensor(self.labels[idx], dtype=torch.float32)
        return x, y

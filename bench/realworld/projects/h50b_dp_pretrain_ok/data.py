# source: https://github.com/pytorch/pytorch/issues/101402
# error: RuntimeError: module must have its parameters and buffers on device cuda:0 (device_ids[0]) but found one of them on device: cpu
# pattern: parallel-wrap-before-placement
# shape: multi-file
# looks-like: parallel-wrap-before-placement
# needs: torch, numpy
# cpu: no written where torch was not installed; not run
import numpy as np
import torch
from torch.utils.data import DataLoader, Dataset


class RandomWindows(Dataset):
    def __init__(self, path, block_size=256, n_samples=200_000):
        self.data = np.memmap(path, dtype=np.uint16, mode="r")
        self.block_size = block_size
        self.n_samples = n_samples

    def __len__(self):
        return self.n_samples

    def __getitem__(self, i):
        start = np.random.randint(0, len(self.data) - self.block_size - 1)
        w = torch.from_numpy(self.data[start:start + self.block_size + 1].astype(np.int64))
        return w[:-1], w[1:]


def make_loader(path, batch_size):
    return DataLoader(RandomWindows(path), batch_size=batch_size, num_workers=4,
                      pin_memory=True, drop_last=True)

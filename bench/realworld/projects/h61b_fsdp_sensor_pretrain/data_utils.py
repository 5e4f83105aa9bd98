# source: https://github.com/facebookresearch/fairscale/issues/444
# error: RuntimeError: Expected all tensors to be on the same device, but found at least two devices, cuda:1 and cuda:0!
# pattern: current-gpu-mismatch
# shape: multi-file, helper, batch-dict
# bug-lines: 38
# needs: torch, numpy
# cpu: no written where torch was not installed; not run
"""Windowed sensor dataset and batch helpers shared by the pretraining scripts."""
import numpy as np
import torch
from torch.utils.data import DataLoader, Dataset
from torch.utils.data.distributed import DistributedSampler


class SensorWindows(Dataset):
    def __init__(self, path, window=1024, stride=256):
        self.data = np.load(path, mmap_mode="r")
        self.window = window
        self.starts = np.arange(0, self.data.shape[0] - window, stride)

    def __len__(self):
        return len(self.starts)

    def __getitem__(self, i):
        s = self.starts[i]
        chunk = np.asarray(self.data[s : s + self.window], dtype=np.float32)
        chunk = (chunk - chunk.mean(0)) / (chunk.std(0) + 1e-5)
        return {"series": torch.from_numpy(chunk), "start": torch.tensor(s)}


def make_loader(path, batch_size, rank, world_size):
    ds = SensorWindows(path)
    sampler = DistributedSampler(ds, num_replicas=world_size, rank=rank, shuffle=True)
    return DataLoader(ds, batch_size=batch_size, sampler=sampler, num_workers=4, pin_memory=True)


def batch_to_gpu(batch):
    return {k: v.cuda(non_blocking=True) for k, v in batch.items()}

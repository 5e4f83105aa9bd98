# source: https://github.com/adambielski/siamese-triplet/issues/49
# error: RuntimeError: Input type (torch.cuda.DoubleTensor) and weight type (torch.cuda.FloatTensor) should be the same
# pattern: float64-input
# shape: multi-file, loader-loop
# bug-lines: 27, 33
# cpu: no entry point in this module; running train.py reproduces it
# needs: torch, numpy
import numpy as np
import torch
from torch.utils.data import Dataset


def imread(path, size=64):
    # stand-in for cv2.imread: HxWx3 uint8
    rng = np.random.default_rng(sum(map(ord, path)))
    return rng.integers(0, 256, size=(size, size, 3), dtype=np.uint8)


def read_csv_rows(n=24):
    return [(f"img/person_{i // 4}_{i % 4}.jpg", i // 4) for i in range(n)]


class DataLoad(Dataset):
    def __init__(self, rows):
        self.data = []
        for path, _ in rows:
            self.data.append(np.moveaxis(imread(path)[:, :, :3] / 255., -1, 0))
        self.data = np.stack(self.data)
        self.labels = torch.from_numpy(np.asarray([label for _, label in rows]))
        self.data_len = len(rows)

    def __getitem__(self, index):
        return torch.from_numpy(self.data[index]), self.labels[index]

    def __len__(self):
        return self.data_len


class SiamesePairs(Dataset):
    def __init__(self, base):
        self.base = base
        self.rng = np.random.default_rng(0)

    def __getitem__(self, index):
        img1, label1 = self.base[index]
        j = int(self.rng.integers(len(self.base)))
        img2, label2 = self.base[j]
        return (img1, img2), int(label1 == label2)

    def __len__(self):
        return len(self.base)

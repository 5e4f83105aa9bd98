# source: https://github.com/qubvel-org/segmentation_models.pytorch/issues/197
# error: RuntimeError: Expected object of scalar type Long but got scalar type Float for argument #2 'target' in call to _thnn_nll_loss2d_forward
# pattern: loss-target-dtype
# shape: multi-file, class, loader-loop
# bug-lines: 33
# cpu: no entry point in this module; running train.py reproduces it
# needs: torch, numpy
import numpy as np
import torch
from torch.utils.data import Dataset

CLASSES = ["sky", "building", "road", "car"]


def fake_read_pair(i, size=64):
    rng = np.random.default_rng(i)
    image = rng.integers(0, 256, size=(size, size, 3), dtype=np.uint8)
    mask = rng.integers(0, len(CLASSES), size=(size, size), dtype=np.uint8)
    return image, mask


class SegDataset(Dataset):
    def __init__(self, ids, classes=None, preprocessing=None):
        self.ids = ids
        self.class_values = [CLASSES.index(c) for c in (classes or CLASSES)]
        self.preprocessing = preprocessing

    def __getitem__(self, i):
        image, mask = fake_read_pair(self.ids[i])
        if self.preprocessing:
            image = self.preprocessing(image)
        image = torch.from_numpy(image.transpose(2, 0, 1).astype("float32"))
        mask = torch.from_numpy(mask.astype("float32"))
        return image, mask

    def __len__(self):
        return len(self.ids)

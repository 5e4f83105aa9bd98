# source: https://github.com/vandit15/Class-balanced-loss-pytorch/pull/22
# error: RuntimeError: Expected all tensors to be on the same device, but found at least two devices, cuda:0 and cpu!
# pattern: tensor-created-without-device
# shape: multi-file
# needs: torch
# cpu: no written where torch was not installed; not run
"""Stand-in for the HAM10000 dermoscopy split (7 diagnostic classes)."""
import torch
from torch.utils.data import Dataset

CLASSES = ["akiec", "bcc", "bkl", "df", "mel", "nv", "vasc"]
CLASS_COUNTS = [327, 514, 1099, 115, 1113, 6705, 142]


class DermoscopyDataset(Dataset):
    def __init__(self, n=256, size=128):
        probs = torch.tensor(CLASS_COUNTS, dtype=torch.float)
        self.labels = torch.multinomial(probs / probs.sum(), n, replacement=True)
        self.size = size

    def __len__(self):
        return len(self.labels)

    def __getitem__(self, i):
        image = torch.rand(3, self.size, self.size)
        return image, self.labels[i]

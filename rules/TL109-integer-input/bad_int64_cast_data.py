# Raster counts cast to int64 on purpose (to hold uint16 values), then fed to a
# float convolution as they are.
import numpy as np
import torch
from torch import nn
from torch.utils.data import DataLoader, Dataset


class Tiles(Dataset):
    def __init__(self, arrays):
        self.arrays = arrays

    def __len__(self):
        return len(self.arrays)

    def __getitem__(self, i):
        return {"image": torch.from_numpy(self.arrays[i].astype(np.int64))}  # expect: TL109:26 lines=26


def predict(arrays, device):
    model = nn.Sequential(nn.Conv2d(6, 8, 3), nn.ReLU()).to(device)
    out = []
    for batch in DataLoader(Tiles(arrays), batch_size=4):
        x = batch["image"].to(device)
        with torch.no_grad():
            out.append(model(x))
    return out

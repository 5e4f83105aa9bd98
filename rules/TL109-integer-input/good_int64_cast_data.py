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
        return {"image": torch.from_numpy(self.arrays[i].astype(np.float32))}


def predict(arrays, device):
    model = nn.Sequential(nn.Conv2d(6, 8, 3), nn.ReLU()).to(device)
    out = []
    for batch in DataLoader(Tiles(arrays), batch_size=4):
        x = batch["image"].to(device)
        with torch.no_grad():
            out.append(model(x))
    return out

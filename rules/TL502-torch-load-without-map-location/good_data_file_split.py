# A data file whose tensors the code splits and hands to a DataLoader through a
# Dataset: the project's own preprocessing wrote it, not a model's checkpoint.
import torch
from torch.utils.data import DataLoader, TensorDataset


def train_loader(path, batch_size=32):
    data = torch.load(path)
    x, y = data["x"].unsqueeze(1).float(), data["y"].float()
    return DataLoader(TensorDataset(x, y), batch_size=batch_size, shuffle=True)

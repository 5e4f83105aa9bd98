# The file loaded inside the DataLoader call is the dataset itself (tensors saved by a
# preprocessing script), not a checkpoint: where its tensors land is the loader's.
import torch
from torch.utils.data import DataLoader


def make_loader(path, batch_size=16):
    return DataLoader(torch.load(path, weights_only=True), batch_size=batch_size, shuffle=True)


def make_eval_loader(path):
    return DataLoader(dataset=torch.load(path, weights_only=True), batch_size=64)

# A file of samples the project's preprocessing wrote, handed to a DataLoader as its
# dataset: data, as a Dataset's files are, not a model's checkpoint.
import torch
from torch.utils.data import DataLoader


def batches(path, batch_size=32):
    samples = torch.load(path)
    return DataLoader(samples, batch_size=batch_size, shuffle=True)

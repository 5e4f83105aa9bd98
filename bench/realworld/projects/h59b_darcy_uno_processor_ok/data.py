# source: https://github.com/neuraloperator/neuraloperator/issues/279
# error: RuntimeError: Input type (torch.FloatTensor) and weight type (torch.cuda.FloatTensor) should be the same or input should be a MKLDNN tensor and weight is a dense tensor
# pattern: inputs-not-moved
# shape: multi-file, batch-dict, class
# looks-like: inputs-not-moved
# needs: torch
# cpu: no written where torch was not installed; not run
import torch
import torch.nn as nn
from torch.utils.data import Dataset


class DarcyDataset(Dataset):
    def __init__(self, path, n_samples=None):
        data = torch.load(path, map_location="cpu")
        self.x = data["x"][:n_samples].unsqueeze(1).float()
        self.y = data["y"][:n_samples].unsqueeze(1).float()

    def __len__(self):
        return self.x.shape[0]

    def __getitem__(self, i):
        return {"x": self.x[i], "y": self.y[i]}


class UnitGaussianNormalizer(nn.Module):
    def __init__(self, data, eps=1e-6):
        super().__init__()
        self.register_buffer("mean", data.mean(0, keepdim=True))
        self.register_buffer("std", data.std(0, keepdim=True))
        self.eps = eps

    def encode(self, x):
        return (x - self.mean) / (self.std + self.eps)

    def decode(self, x):
        return x * (self.std + self.eps) + self.mean


class DataProcessor(nn.Module):
    """Moves a sample dict to the processor's device and (de)normalizes it."""

    def __init__(self, in_normalizer, out_normalizer):
        super().__init__()
        self.in_normalizer = in_normalizer
        self.out_normalizer = out_normalizer
        self.device = torch.device("cpu")

    def to(self, device):
        self.device = torch.device(device)
        return super().to(device)

    def preprocess(self, sample):
        x = sample["x"].to(self.device)
        y = sample["y"].to(self.device)
        return {"x": self.in_normalizer.encode(x), "y": self.out_normalizer.encode(y)}

    def postprocess(self, out, sample):
        return self.out_normalizer.decode(out), {**sample, "y": self.out_normalizer.decode(sample["y"])}

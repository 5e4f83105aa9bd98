import numpy as np
import torch
from torch import nn
from torch.utils.data import DataLoader, Dataset


class MultiViewPoses(Dataset):
    """Camera calibrations kept as numpy arrays: float64 unless said otherwise."""

    def __init__(self, n=6):
        self.n = n
        self.cameras = [{"R": np.eye(3) + 0.01 * i} for i in range(n)]  # expect: TL105:31 lines=25

    def __getitem__(self, idx):
        cam = self.cameras[idx]
        # The default collate turns the float64 arrays into float64 tensors.
        return torch.rand(3, 32, 32), {"camera": {k: v for k, v in cam.items()}}

    def __len__(self):
        return self.n


def to_world(uv, camera):
    rotation = torch.linalg.inv(camera["R"])
    return torch.bmm(rotation, uv.transpose(1, 2))


def run_epoch(model, device):
    for img, meta in DataLoader(MultiViewPoses(), batch_size=3):
        uv = model(img.to(device))
        camera = {k: v.to(device) for k, v in meta["camera"].items()}
        print(to_world(uv, camera))


class SensorRows(Dataset):
    """A table of readings whose first column, the timestamp, is dropped."""

    def __init__(self, readings):
        # np.delete keeps the table's dtype: float64, as np.loadtxt made it.
        self.values = np.delete(readings, 0, axis=1)

    def __len__(self):
        return len(self.values)

    def __getitem__(self, i):
        return torch.tensor(self.values[i])  # expect: TL105:16 lines=63,57


class GatedNorm(nn.Module):
    def __init__(self, n):
        super().__init__()
        self.gate = nn.Linear(1, n)
        self.norm = nn.LayerNorm(n)

    def forward(self, x):
        # One token per reading: float32 weights times float64 readings are float64.
        return self.norm(self.gate.weight.squeeze(-1) * x[:, :, None])


def fit_sensors(path, device):
    model = GatedNorm(7).to(device)
    for x in DataLoader(SensorRows(np.loadtxt(path, delimiter=",")), batch_size=16):
        model(x.to(device))


if __name__ == "__main__":
    run_epoch(nn.Sequential(nn.Flatten(), nn.Linear(3 * 32 * 32, 9), nn.Unflatten(1, (3, 3))), "cuda")

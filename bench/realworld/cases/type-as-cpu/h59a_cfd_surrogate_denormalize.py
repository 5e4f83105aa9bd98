# source: https://github.com/Emmi-AI/noether/pull/156
# error: RuntimeError: Expected all tensors to be on the same device, but found at least two devices, cuda:0 and cpu!
# pattern: type-as-cpu
# shape: class, loader-loop, batch-dict
# bug-lines: 27
# needs: torch
# cpu: no written where torch was not installed; not run
"""Evaluate a pressure-field surrogate for automotive CFD in physical units."""
import torch
import torch.nn as nn
from torch.utils.data import DataLoader, Dataset


class ShiftScaleNormalizer:
    """(x - shift) / scale, with statistics taken from the training config."""

    def __init__(self, shift, scale):
        self.shift = torch.as_tensor(shift, dtype=torch.float32)
        self.scale = torch.as_tensor(scale, dtype=torch.float32)

    def normalize(self, x):
        # runs inside the Dataset, i.e. on CPU worker processes
        return (x - self.shift) / self.scale

    def denormalize(self, x):
        # match the statistics' dtype before undoing the scaling (AMP outputs are fp16)
        x = x.type_as(self.scale)
        return x * self.scale + self.shift


class SurfacePressureSet(Dataset):
    def __init__(self, path, normalizer):
        blob = torch.load(path)
        self.points, self.pressure = blob["points"], blob["pressure"]  # [S, P, 3], [S, P, 1]
        self.normalizer = normalizer

    def __len__(self):
        return self.points.shape[0]

    def __getitem__(self, i):
        return {"points": self.points[i], "target_raw": self.pressure[i],
                "target": self.normalizer.normalize(self.pressure[i])}


class PointMLP(nn.Module):
    def __init__(self, hidden=256):
        super().__init__()
        self.net = nn.Sequential(nn.Linear(3, hidden), nn.GELU(), nn.Linear(hidden, hidden),
                                 nn.GELU(), nn.Linear(hidden, 1))

    def forward(self, points):
        return self.net(points)


@torch.no_grad()
def evaluate(model, loader, normalizer, device):
    model.eval()
    sq_err, count = 0.0, 0
    for batch in loader:
        points = batch["points"].to(device)
        target_raw = batch["target_raw"].to(device)
        with torch.autocast("cuda", dtype=torch.float16):
            pred = model(points)
        pred_pa = normalizer.denormalize(pred)
        sq_err += (pred_pa - target_raw).pow(2).sum().item()
        count += target_raw.numel()
    return (sq_err / count) ** 0.5


if __name__ == "__main__":
    device = torch.device("cuda")
    norm = ShiftScaleNormalizer(shift=[-163.2], scale=[212.7])
    loader = DataLoader(SurfacePressureSet("data/drivaer_test.pt", norm), batch_size=4)
    model = PointMLP().to(device)
    model.load_state_dict(torch.load("ckpt/pointmlp_drivaer.pt", map_location=device))
    print(f"surface pressure RMSE: {evaluate(model, loader, norm, device):.2f} Pa")

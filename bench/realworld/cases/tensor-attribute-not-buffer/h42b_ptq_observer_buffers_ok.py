# source: https://github.com/Samsung/TICO/issues/443
# error: RuntimeError: Expected all tensors to be on the same device, but found at least two devices, cuda:0 and cpu!
# pattern: tensor-attribute-not-buffer
# shape: class, loader-loop
# looks-like: tensor-attribute-not-buffer
# needs: torch
# cpu: no written where torch was not installed; not run
import torch
import torch.nn as nn
from torch.utils.data import DataLoader, TensorDataset


class AffineMinMaxObserver(nn.Module):
    """Per-tensor asymmetric uint8 observer; running stats live in buffers so .to() moves them."""

    def __init__(self, quant_min=0, quant_max=255):
        super().__init__()
        self.quant_min, self.quant_max = quant_min, quant_max
        self.register_buffer("min_val", torch.tensor(float("inf")))
        self.register_buffer("max_val", torch.tensor(float("-inf")))

    @torch.no_grad()
    def forward(self, x):
        self.min_val.copy_(torch.minimum(self.min_val, x.min()))
        self.max_val.copy_(torch.maximum(self.max_val, x.max()))
        return x

    def compute_qparams(self):
        lo = torch.clamp(self.min_val, max=0.0)
        hi = torch.clamp(self.max_val, min=0.0)
        scale = ((hi - lo) / float(self.quant_max - self.quant_min)).clamp_min(1e-8)
        zero_point = torch.clamp(self.quant_min - torch.round(lo / scale), self.quant_min, self.quant_max)
        return scale, zero_point.to(torch.int64)


class ObservedMLP(nn.Module):
    def __init__(self):
        super().__init__()
        self.fc1 = nn.Linear(32, 64)
        self.act_obs = AffineMinMaxObserver()
        self.fc2 = nn.Linear(64, 4)

    def forward(self, x):
        return self.fc2(self.act_obs(torch.relu(self.fc1(x))))


def calibrate(model, loader, device):
    model.eval()
    with torch.no_grad():
        for (x,) in loader:
            model(x.to(device))
    return model.act_obs.compute_qparams()


if __name__ == "__main__":
    device = torch.device("cuda" if torch.cuda.is_available() else "cpu")
    model = ObservedMLP().to(device)
    loader = DataLoader(TensorDataset(torch.randn(512, 32)), batch_size=64)
    scale, zp = calibrate(model, loader, device)
    print("scale", scale.item(), "zero_point", zp.item())

# source: https://github.com/jokermask/SANet/issues/4
# error: TypeError: can't convert cuda:0 device type tensor to numpy. Use Tensor.cpu() to copy the tensor to host memory first.
# pattern: numpy-of-device-tensor
# shape: helper, loader-loop
# bug-lines: 42
# needs: torch, numpy
# cpu: no written where torch was not installed; not run
import numpy as np
import torch
import torch.nn as nn
from torch.utils.data import DataLoader, TensorDataset


class DensityNet(nn.Module):
    def __init__(self):
        super().__init__()
        self.features = nn.Sequential(
            nn.Conv2d(3, 16, 3, padding=1), nn.ReLU(),
            nn.Conv2d(16, 32, 3, padding=1), nn.ReLU(),
            nn.Conv2d(32, 1, 1), nn.ReLU(),
        )

    def forward(self, x):
        return self.features(x)


def split_patches(image, n=4):
    rows = torch.chunk(image, 2, dim=2)
    return [p for r in rows for p in torch.chunk(r, n // 2, dim=3)]


def validate(model, test_loader, device, patch_num=4):
    model.eval()
    mae, mse = 0.0, 0.0
    with torch.no_grad():
        for image, gt_count in test_loader:
            image, gt_count = image.to(device), gt_count.to(device)
            est = sum(model(p).sum() for p in split_patches(image, patch_num))
            err = est - gt_count.sum()
            mae += err.abs()
            mse += err * err
    rmse = np.sqrt(mse / (len(test_loader) * patch_num))
    mae = mae.item() / (len(test_loader) * patch_num)
    return mae, rmse


def main():
    device = torch.device("cuda" if torch.cuda.is_available() else "cpu")
    images = torch.rand(12, 3, 128, 128)
    counts = torch.randint(0, 200, (12,)).float()
    loader = DataLoader(TensorDataset(images, counts), batch_size=1)
    model = DensityNet().to(device)
    mae, rmse = validate(model, loader, device)
    print(f"MAE {mae:.2f}  RMSE {float(rmse):.2f}")


if __name__ == "__main__":
    main()

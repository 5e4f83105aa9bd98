# source: https://github.com/leeyeehoo/CSRNet-pytorch/issues/3
# error: RuntimeError: Expected object of type torch.cuda.FloatTensor but found type torch.FloatTensor for argument #3 'other'
# pattern: type-cast-without-device
# shape: loader-loop, helper
# looks-like: type-cast-without-device
# cpu: clean
# needs: torch, numpy
import numpy as np
import torch
import torch.nn as nn
from torch.utils.data import DataLoader, Dataset


class CrowdDataset(Dataset):
    def __init__(self, n=6):
        self.n = n

    def __len__(self):
        return self.n

    def __getitem__(self, i):
        img = torch.rand(3, 32, 32)
        density = np.random.rand(4, 4)  # float64 density map from the .h5 file
        return img, density


class CSRNetLite(nn.Module):
    def __init__(self):
        super().__init__()
        self.frontend = nn.Sequential(nn.Conv2d(3, 8, 3, padding=1), nn.ReLU(), nn.MaxPool2d(8))
        self.output_layer = nn.Conv2d(8, 1, 1)

    def forward(self, x):
        return self.output_layer(self.frontend(x))


def train(model, loader, criterion, optimizer, device):
    model.train()
    for img, target in loader:
        img = img.to(device)
        output = model(img)
        # legacy cast first, then the move: the result ends up on `device`
        target = target.type(torch.FloatTensor).unsqueeze(1).to(device)
        loss = criterion(output, target)
        optimizer.zero_grad()
        loss.backward()
        optimizer.step()


@torch.no_grad()
def validate(model, loader, device):
    model.eval()
    mae = 0.0
    for img, target in loader:
        output = model(img.to(device))
        mae += abs(output.sum() - target.sum().type(torch.FloatTensor).to(device)).item()
    return mae / len(loader)


if __name__ == "__main__":
    device = torch.device("cuda" if torch.cuda.is_available() else "cpu")
    model = CSRNetLite().to(device)
    loader = DataLoader(CrowdDataset(), batch_size=1)
    optimizer = torch.optim.SGD(model.parameters(), lr=1e-6)
    train(model, loader, nn.MSELoss(reduction="sum"), optimizer, device)
    print("MAE", validate(model, loader, device))

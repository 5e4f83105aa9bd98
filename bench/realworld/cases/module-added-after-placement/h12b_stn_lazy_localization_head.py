# source: https://github.com/ultralytics/yolov5/issues/8198
# error: RuntimeError: Expected all tensors to be on the same device, but found at least two devices, cuda:0 and cpu! (when checking argument for argument mat1 in method wrapper_CUDA_addmm)
# pattern: module-added-after-placement
# shape: class, loader-loop
# bug-lines: 36
# needs: torch, torchvision
# cpu: no written where torch was not installed; not run

import torch
import torch.nn as nn
import torch.nn.functional as F
from torch.utils.data import DataLoader
from torchvision import datasets, transforms


class SpatialTransformer(nn.Module):
    """Localization net whose FC input size depends on the incoming feature map."""

    def __init__(self, c1):
        super().__init__()
        self.localization = nn.Sequential(
            nn.Conv2d(c1, 32, 3, padding=1), nn.MaxPool2d(2), nn.ReLU(True),
            nn.Conv2d(32, 16, 3, padding=1), nn.MaxPool2d(2), nn.ReLU(True),
        )
        self.fc_loc = None

    def _build_regressor(self, n_features):
        head = nn.Sequential(nn.Linear(n_features, 64), nn.ReLU(True), nn.Linear(64, 6))
        head[2].weight.data.zero_()
        head[2].bias.data.copy_(torch.tensor([1, 0, 0, 0, 1, 0], dtype=torch.float))
        return head

    def forward(self, x):
        xs = self.localization(x).flatten(1)
        if self.fc_loc is None:
            self.fc_loc = self._build_regressor(xs.shape[1])
        theta = self.fc_loc(xs).view(-1, 2, 3)
        grid = F.affine_grid(theta, x.size(), align_corners=False)
        return F.grid_sample(x, grid, align_corners=False)


class STNClassifier(nn.Module):
    def __init__(self, num_classes=10):
        super().__init__()
        self.stn = SpatialTransformer(1)
        self.features = nn.Sequential(nn.Conv2d(1, 32, 5), nn.MaxPool2d(2), nn.ReLU(True), nn.Conv2d(32, 64, 5), nn.MaxPool2d(2), nn.ReLU(True))
        self.classifier = nn.Sequential(nn.Flatten(), nn.Linear(64 * 4 * 4, 128), nn.ReLU(True), nn.Linear(128, num_classes))

    def forward(self, x):
        return self.classifier(self.features(self.stn(x)))


def main():
    device = torch.device("cuda" if torch.cuda.is_available() else "cpu")
    tf = transforms.Compose([transforms.ToTensor(), transforms.Normalize((0.1307,), (0.3081,))])
    loader = DataLoader(datasets.MNIST("data", train=True, download=True, transform=tf), batch_size=64, shuffle=True)
    model = STNClassifier().to(device)
    optimizer = torch.optim.SGD(model.parameters(), lr=0.01)

    for epoch in range(5):
        model.train()
        for batch_idx, (data, target) in enumerate(loader):
            data, target = data.to(device), target.to(device)
            loss = F.cross_entropy(model(data), target)
            optimizer.zero_grad()
            loss.backward()
            optimizer.step()
            if batch_idx % 200 == 0:
                print(f"epoch {epoch} [{batch_idx * len(data)}/{len(loader.dataset)}] loss {loss.item():.4f}")


if __name__ == "__main__":
    main()

# source: https://github.com/lxztju/pytorch_classification/issues/47
# error: RuntimeError: "nll_loss_forward_reduce_cuda_kernel_2d_index" not implemented for 'Int'
# pattern: loss-target-dtype
# shape: helper, loader-loop
# looks-like: loss-target-dtype
# needs: torch, numpy
# cpu: no written where torch was not installed; not run
"""PointNet-style classifier on ModelNet40 fragments stored as .npz (labels saved as int32)."""
import numpy as np
import torch
import torch.nn as nn
from torch.utils.data import DataLoader, Dataset


class ModelNetNpz(Dataset):
    def __init__(self, path, num_points=1024):
        data = np.load(path)
        self.points = data["points"].astype(np.float32)   # (N, P, 3)
        self.labels = data["labels"]                       # int32 on disk
        self.num_points = num_points

    def __len__(self):
        return len(self.labels)

    def __getitem__(self, idx):
        pts = self.points[idx]
        choice = np.random.choice(len(pts), self.num_points, replace=len(pts) < self.num_points)
        pts = pts[choice] - pts[choice].mean(0)
        pts /= np.linalg.norm(pts, axis=1).max()
        return torch.from_numpy(pts), torch.from_numpy(np.asarray(self.labels[idx]))


class PointNetCls(nn.Module):
    def __init__(self, k=40):
        super().__init__()
        self.feat = nn.Sequential(
            nn.Conv1d(3, 64, 1), nn.BatchNorm1d(64), nn.ReLU(),
            nn.Conv1d(64, 128, 1), nn.BatchNorm1d(128), nn.ReLU(),
            nn.Conv1d(128, 1024, 1), nn.BatchNorm1d(1024),
        )
        self.head = nn.Sequential(nn.Linear(1024, 256), nn.ReLU(), nn.Dropout(0.4), nn.Linear(256, k))

    def forward(self, x):
        return self.head(self.feat(x.transpose(1, 2)).max(dim=2).values)


def run_epoch(model, loader, criterion, optimizer, device):
    model.train()
    correct, seen = 0, 0
    for points, target in loader:
        points = points.to(device)
        target = target.long().to(device)
        logits = model(points)
        loss = criterion(logits, target)
        optimizer.zero_grad()
        loss.backward()
        optimizer.step()
        correct += (logits.argmax(1) == target).sum().item()
        seen += target.numel()
    return correct / max(1, seen)


if __name__ == "__main__":
    device = torch.device("cuda" if torch.cuda.is_available() else "cpu")
    loader = DataLoader(ModelNetNpz("modelnet40_train.npz"), batch_size=32, shuffle=True, drop_last=True)
    net = PointNetCls().to(device)
    opt = torch.optim.Adam(net.parameters(), lr=1e-3)
    for epoch in range(5):
        print(epoch, run_epoch(net, loader, nn.CrossEntropyLoss(), opt, device))

# source: https://github.com/TiagoCortinhal/SalsaNext/issues/54
# error: RuntimeError: expected scalar type Long but found Int
# pattern: loss-target-dtype
# shape: class, loader-loop
# bug-lines: 24, 67
# cpu: raises "expected target dtype to be Long or Byte, but got Int"
# needs: numpy, torch

import numpy as np
import torch
import torch.nn as nn
import torch.nn.functional as F
from torch.utils.data import DataLoader, Dataset


class RangeImageScans(Dataset):
    def __init__(self, n_scans=16, n_classes=5, height=16, width=64):
        rng = np.random.default_rng(0)
        self.proj = rng.random((n_scans, 5, height, width), dtype=np.float32)
        self.sem_label = rng.integers(0, n_classes, size=(n_scans, height, width))

    def __getitem__(self, index):
        proj = torch.from_numpy(self.proj[index])
        proj_labels = torch.from_numpy(self.sem_label[index].astype(np.int32))
        return proj, proj_labels

    def __len__(self):
        return len(self.proj)


class Lovasz_softmax(nn.Module):
    def forward(self, probas, labels):
        one_hot = F.one_hot(labels, probas.shape[1]).permute(0, 3, 1, 2).to(probas.dtype)
        return (probas - one_hot).abs().mean()


class SalsaLike(nn.Module):
    def __init__(self, n_classes):
        super().__init__()
        self.body = nn.Sequential(
            nn.Conv2d(5, 16, 3, padding=1), nn.LeakyReLU(),
            nn.Conv2d(16, n_classes, 1),
        )

    def forward(self, x):
        return F.softmax(self.body(x), dim=1)


class Trainer:
    def __init__(self, n_classes=5):
        self.device = torch.device("cuda" if torch.cuda.is_available() else "cpu")
        self.model = SalsaLike(n_classes).to(self.device)
        content = torch.full((n_classes,), 0.2)
        self.loss_w = 1.0 / (content + 1e-3)
        self.loss_w[0] = 0.0
        self.criterion = nn.NLLLoss(weight=self.loss_w).to(self.device)
        self.ls = Lovasz_softmax().to(self.device)
        self.optimizer = torch.optim.SGD(self.model.parameters(), lr=0.01, momentum=0.9)

    def train_epoch(self, train_loader):
        self.model.train()
        losses = []
        for in_vol, proj_labels in train_loader:
            in_vol = in_vol.to(self.device)
            proj_labels = proj_labels.to(self.device, non_blocking=True)
            output = self.model(in_vol)
            loss_m = self.criterion(torch.log(output.clamp(min=1e-8)), proj_labels) + self.ls(output, proj_labels.long())
            self.optimizer.zero_grad()
            loss_m.backward()
            self.optimizer.step()
            losses.append(loss_m.item())
        return sum(losses) / len(losses)


if __name__ == "__main__":
    loader = DataLoader(RangeImageScans(), batch_size=4, shuffle=True)
    trainer = Trainer()
    for epoch in range(2):
        print(epoch, trainer.train_epoch(loader))

# source: https://github.com/pytorch/pytorch/issues/130193
# error: (silent) class-weight rebalancing has no effect on the GPU: the loss keeps its initial weights
# pattern: stale-alias
# shape: class, loader-loop
# bug-lines: 19, 20, 26
# cpu: clean
# needs: torch

import torch
import torch.nn as nn
from torch.utils.data import DataLoader, TensorDataset


class Trainer:
    def __init__(self, model, num_classes, device):
        self.device = device
        self.num_classes = num_classes
        self.class_weights = torch.ones(num_classes)
        self.criterion = nn.CrossEntropyLoss(weight=self.class_weights)
        self.criterion.to(device)
        self.model = model.to(device)
        self.opt = torch.optim.SGD(self.model.parameters(), lr=0.1)

    def rebalance(self, counts):
        freq = counts.float() / counts.sum()
        self.class_weights.copy_(1.0 / (freq * self.num_classes + 1e-6))

    def train_epoch(self, loader):
        counts = torch.zeros(self.num_classes, dtype=torch.long)
        for x, y in loader:
            counts += torch.bincount(y, minlength=self.num_classes)
            x, y = x.to(self.device), y.to(self.device)
            loss = self.criterion(self.model(x), y)
            self.opt.zero_grad()
            loss.backward()
            self.opt.step()
        self.rebalance(counts)
        return loss.item()


if __name__ == "__main__":
    device = torch.device("cuda" if torch.cuda.is_available() else "cpu")
    labels = torch.cat([torch.zeros(90, dtype=torch.long), torch.ones(10, dtype=torch.long)])
    loader = DataLoader(TensorDataset(torch.randn(100, 8), labels), batch_size=20, shuffle=True)
    trainer = Trainer(nn.Linear(8, 2), num_classes=2, device=device)
    for epoch in range(3):
        print(epoch, trainer.train_epoch(loader), trainer.criterion.weight.tolist())

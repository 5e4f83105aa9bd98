# source: https://github.com/phamquiluan/ResidualMaskingNetwork/issues/31
# error: AssertionError: Torch not compiled with CUDA enabled
# pattern: hard-coded-cuda
# shape: class, loader-loop
# bug-lines: 41, 54, 55, 66
# needs: torch, numpy
# cpu: no written where torch was not installed; not run
import json

import numpy as np
import torch
import torch.nn as nn
from torch.utils.data import DataLoader, Dataset


class Fer2013(Dataset):
    def __init__(self, csv_rows):
        self.pixels = [np.array(r["pixels"].split(), dtype=np.float32).reshape(1, 48, 48) / 255.0 for r in csv_rows]
        self.emotions = [int(r["emotion"]) for r in csv_rows]

    def __len__(self):
        return len(self.emotions)

    def __getitem__(self, idx):
        return torch.from_numpy(self.pixels[idx]), self.emotions[idx]


def small_resnet(num_classes=7):
    return nn.Sequential(
        nn.Conv2d(1, 32, 3, padding=1), nn.BatchNorm2d(32), nn.ReLU(), nn.MaxPool2d(2),
        nn.Conv2d(32, 64, 3, padding=1), nn.BatchNorm2d(64), nn.ReLU(), nn.MaxPool2d(2),
        nn.AdaptiveAvgPool2d(1), nn.Flatten(), nn.Linear(64, num_classes),
    )


class FER2013Trainer:
    def __init__(self, model, train_set, val_set, configs):
        self._configs = configs
        self._train_loader = DataLoader(train_set, batch_size=configs["batch_size"], shuffle=True)
        self._val_loader = DataLoader(val_set, batch_size=configs["batch_size"])
        self._model = model.cuda()
        self._criterion = nn.CrossEntropyLoss()
        self._optimizer = torch.optim.SGD(self._model.parameters(), lr=configs["lr"], momentum=0.9)
        self._best_acc = 0.0

    def train(self):
        for epoch in range(self._configs["max_epoch"]):
            self._train_one_epoch()
            print(f"epoch {epoch}: val acc {self._val_one_epoch():.3f}")

    def _train_one_epoch(self):
        self._model.train()
        for images, targets in self._train_loader:
            images = images.cuda(non_blocking=True)
            targets = targets.cuda(non_blocking=True)
            loss = self._criterion(self._model(images), targets)
            self._optimizer.zero_grad()
            loss.backward()
            self._optimizer.step()

    @torch.no_grad()
    def _val_one_epoch(self):
        self._model.eval()
        correct = total = 0
        for images, targets in self._val_loader:
            outputs = self._model(images.cuda())
            correct += (outputs.argmax(1).cpu() == targets).sum().item()
            total += targets.numel()
        return correct / max(total, 1)


if __name__ == "__main__":
    configs = json.load(open("configs/fer2013_config.json"))
    rows = json.load(open(configs["data_json"]))
    split = int(0.9 * len(rows))
    trainer = FER2013Trainer(small_resnet(), Fer2013(rows[:split]), Fer2013(rows[split:]), configs)
    trainer.train()

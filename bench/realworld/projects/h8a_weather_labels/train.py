# source: https://github.com/mengxianglong123/weather-recognition/issues/1
# error: RuntimeError: Expected object of scalar type Long but got scalar type Float for argument #2 'target' in call to _thnn_nll_loss_forward
# pattern: loss-target-dtype
# shape: multi-file, loader-loop, helper
# bug-lines: 36, 53
# needs: torch, torchvision
# cpu: no written where torch was not installed; not run
import time

import torch
from torch import nn, optim
from torchvision import models

from config import Common, Train
from data_loader import train_loader, val_loader


def build_model():
    net = models.resnet18(weights=None)
    net.fc = nn.Linear(net.fc.in_features, len(Common.labels))
    return net


model = build_model().to(Common.device)
criterion = nn.CrossEntropyLoss()
optimizer = optim.Adam(model.parameters(), lr=Train.lr)


def train_one_epoch(epoch):
    model.train()
    total_loss, correct = 0.0, 0
    for data, label in train_loader:
        data, label = data.to(Common.device), label.to(Common.device)
        optimizer.zero_grad()
        output = model(data)
        loss = criterion(output, label)
        loss.backward()
        optimizer.step()
        total_loss += loss.item() * data.size(0)
        correct += (output.argmax(dim=1) == label).sum().item()
    n = len(train_loader.dataset)
    print("epoch %d train loss %.4f acc %.4f" % (epoch, total_loss / n, correct / n))
    return correct / n


@torch.no_grad()
def validate(epoch):
    model.eval()
    total_loss, correct = 0.0, 0
    for data, label in val_loader:
        data, label = data.to(Common.device), label.to(Common.device)
        output = model(data)
        total_loss += criterion(output, label).item() * data.size(0)
        correct += (output.argmax(dim=1) == label).sum().item()
    n = len(val_loader.dataset)
    print("epoch %d val loss %.4f acc %.4f" % (epoch, total_loss / n, correct / n))
    return correct / n


if __name__ == "__main__":
    best = 0.75
    for epoch in range(1, Train.epochs + 1):
        train_one_epoch(epoch)
        acc = validate(epoch)
        if acc > best:
            best = acc
            stamp = time.strftime("%Y-%m-%d-%H-%M-%S", time.gmtime())
            torch.save(model.state_dict(), Train.model_dir + "weather-" + stamp + ".pth")

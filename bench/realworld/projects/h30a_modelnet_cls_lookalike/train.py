# source: https://github.com/NVIDIAGameWorks/kaolin/pull/214
# error: RuntimeError: Input type (torch.FloatTensor) and weight type (torch.cuda.FloatTensor) should be the same
# pattern: inputs-not-moved
# shape: multi-file, loader-loop, batch-dict, helper
# looks-like: inputs-not-moved
# needs: torch
# cpu: no written where torch was not installed; not run
import argparse

import torch
import torch.nn as nn
from torch.utils.data import DataLoader

from data import ModelNetPoints
from model import PointNetClassifier


def unpack(batch, device):
    points = batch["data"].to(device)
    category = batch["attributes"]["category"].to(device)
    return points, category


def run_epoch(model, loader, criterion, device, optimizer=None):
    model.train(optimizer is not None)
    total_loss, correct, seen = 0.0, 0, 0
    with torch.set_grad_enabled(optimizer is not None):
        for batch in loader:
            points, category = unpack(batch, device)
            pred = model(points)
            loss = criterion(pred, category.view(-1))
            if optimizer is not None:
                optimizer.zero_grad()
                loss.backward()
                optimizer.step()
            total_loss += loss.item() * category.numel()
            correct += (pred.argmax(dim=1) == category.view(-1)).sum().item()
            seen += category.numel()
    return total_loss / seen, correct / seen


if __name__ == "__main__":
    parser = argparse.ArgumentParser()
    parser.add_argument("--modelnet_root", default="data/ModelNet10_points")
    parser.add_argument("--epochs", type=int, default=10)
    args = parser.parse_args()

    device = torch.device("cuda" if torch.cuda.is_available() else "cpu")
    train_loader = DataLoader(ModelNetPoints(args.modelnet_root, "train"), batch_size=32,
                              shuffle=True, drop_last=True)
    val_loader = DataLoader(ModelNetPoints(args.modelnet_root, "test"), batch_size=32)
    model = PointNetClassifier(num_classes=10).to(device)
    optimizer = torch.optim.Adam(model.parameters(), lr=1e-3)
    criterion = nn.CrossEntropyLoss()
    for epoch in range(args.epochs):
        train_loss, _ = run_epoch(model, train_loader, criterion, device, optimizer)
        val_loss, val_acc = run_epoch(model, val_loader, criterion, device)
        print(f"epoch {epoch}: train {train_loss:.4f} val {val_loss:.4f} acc {val_acc:.3f}")

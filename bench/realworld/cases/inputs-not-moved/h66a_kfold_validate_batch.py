# source: https://github.com/Lightning-AI/pytorch-lightning/issues/18580
# error: RuntimeError: Input type (torch.FloatTensor) and weight type (torch.cuda.FloatTensor) should be the same or input should be a MKLDNN tensor and weight is a dense tensor
# pattern: inputs-not-moved
# shape: helper, loader-loop, batch-dict
# bug-lines: 40, 41
# needs: torch, numpy, pandas, sklearn
# cpu: no written where torch was not installed; not run
import numpy as np
import pandas as pd
import torch
import torch.nn as nn
from sklearn.model_selection import StratifiedKFold
from torch.utils.data import DataLoader, Subset, TensorDataset

DEVICE = torch.device("cuda" if torch.cuda.is_available() else "cpu")


def build_cnn(num_classes=10):
    return nn.Sequential(
        nn.Conv2d(1, 32, 3, padding=1), nn.BatchNorm2d(32), nn.ReLU(), nn.MaxPool2d(2),
        nn.Conv2d(32, 64, 3, padding=1), nn.BatchNorm2d(64), nn.ReLU(), nn.MaxPool2d(2),
        nn.Flatten(), nn.Linear(64 * 7 * 7, 128), nn.ReLU(), nn.Linear(128, num_classes),
    )


def train_epoch(model, loader, optimizer, criterion):
    model.train()
    for data, target in loader:
        data, target = data.to(DEVICE), target.to(DEVICE)
        optimizer.zero_grad()
        loss = criterion(model(data), target)
        loss.backward()
        optimizer.step()


@torch.no_grad()
def validate(model, loader):
    model.eval()
    correct, seen = 0, 0
    for data, target in loader:
        output = model(data)
        correct += (output.argmax(dim=1).cpu() == target).sum().item()
        seen += target.numel()
    return correct / seen


def main(n_folds=5, epochs=6):
    df = pd.read_csv("input/digit-recognizer/train.csv")
    labels = df["label"].values
    pixels = df.drop(columns="label").values.reshape(-1, 1, 28, 28).astype(np.float32) / 255.0
    dataset = TensorDataset(torch.from_numpy(pixels), torch.from_numpy(labels))

    skf = StratifiedKFold(n_splits=n_folds, shuffle=True, random_state=0)
    fold_acc = []
    for fold, (tr_idx, va_idx) in enumerate(skf.split(pixels, labels)):
        train_loader = DataLoader(Subset(dataset, tr_idx), batch_size=128, shuffle=True)
        valid_loader = DataLoader(Subset(dataset, va_idx), batch_size=256)
        model = build_cnn().to(DEVICE)
        optimizer = torch.optim.Adam(model.parameters(), lr=1e-3)
        criterion = nn.CrossEntropyLoss()
        for epoch in range(epochs):
            train_epoch(model, train_loader, optimizer, criterion)
            acc = validate(model, valid_loader)
            print(f"fold {fold} epoch {epoch}: valid acc {acc:.4f}")
        fold_acc.append(acc)
        torch.save(model.state_dict(), f"cnn_fold{fold}.pt")
    print(f"CV accuracy: {np.mean(fold_acc):.4f}")


if __name__ == "__main__":
    main()

# source: https://github.com/hunkim/PyTorchZeroToAll/issues/38
# error: RuntimeError: expected scalar type Long but found Float
# pattern: loss-target-dtype
# shape: class, loader-loop
# bug-lines: 23, 60
# needs: torch, numpy
# cpu: no written where torch was not installed; not run
"""Classify survey rows (normalized numeric features) into three risk groups."""
import numpy as np
import torch
import torch.nn as nn
from torch.utils.data import DataLoader, Dataset, random_split


class SurveyDataset(Dataset):
    """CSV rows: feature columns..., label column (0, 1, 2) as the last column."""

    def __init__(self, csv_path):
        xy = np.loadtxt(csv_path, delimiter=",", dtype=np.float32, skiprows=1)
        feats = xy[:, :-1]
        feats = (feats - feats.mean(axis=0)) / (feats.std(axis=0) + 1e-6)
        self.x_data = torch.from_numpy(feats)
        self.y_data = torch.from_numpy(xy[:, -1])
        self.len = xy.shape[0]

    def __getitem__(self, index):
        return self.x_data[index], self.y_data[index]

    def __len__(self):
        return self.len


class RiskNet(nn.Module):
    def __init__(self, n_features, n_classes=3):
        super().__init__()
        self.net = nn.Sequential(
            nn.Linear(n_features, 64), nn.ReLU(),
            nn.Linear(64, 32), nn.ReLU(),
            nn.Linear(32, n_classes),
        )

    def forward(self, x):
        return self.net(x)


def main():
    dataset = SurveyDataset("data/survey_risk.csv")
    n_test = len(dataset) // 5
    train_set, test_set = random_split(dataset, [len(dataset) - n_test, n_test])
    train_loader = DataLoader(train_set, batch_size=32, shuffle=True)

    model = RiskNet(dataset.x_data.shape[1])
    criterion = nn.CrossEntropyLoss()
    optimizer = torch.optim.SGD(model.parameters(), lr=0.05, momentum=0.9)

    for epoch in range(50):
        running = 0.0
        for inputs, labels in train_loader:
            logits = model(inputs)
            loss = criterion(logits, labels)
            optimizer.zero_grad()
            loss.backward()
            optimizer.step()
            running += loss.item()
        print(f"epoch {epoch}: loss {running / len(train_loader):.4f}")


if __name__ == "__main__":
    main()

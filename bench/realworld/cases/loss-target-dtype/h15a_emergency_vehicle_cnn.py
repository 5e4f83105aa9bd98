# source: https://github.com/celantur/panoptic_segm_demo/issues/2 https://github.com/fastai/fastai/issues/1801
# error: RuntimeError: expected scalar type Long but found Int
# pattern: loss-target-dtype
# shape: helper, loader-loop
# bug-lines: 18, 50
# needs: torch, numpy, pandas
# cpu: no written where torch was not installed; not run
"""Binary image classifier (emergency vs. non-emergency vehicle) trained from a CSV index."""
import numpy as np
import pandas as pd
import torch
from torch import nn
from torch.utils.data import DataLoader, TensorDataset

train_df = pd.read_csv("train.csv")
images = np.stack([np.load(f"images/{name}.npy") for name in train_df["image_names"]])
train_x = torch.from_numpy(images.astype(np.float32) / 255.0).permute(0, 3, 1, 2)
train_y = torch.from_numpy(train_df["emergency_or_not"].values.astype(np.int32))

split = int(0.9 * len(train_x))
train_loader = DataLoader(TensorDataset(train_x[:split], train_y[:split]), batch_size=32, shuffle=True)
val_loader = DataLoader(TensorDataset(train_x[split:], train_y[split:]), batch_size=64)


class Net(nn.Module):
    def __init__(self):
        super().__init__()
        self.features = nn.Sequential(
            nn.Conv2d(3, 16, 3, padding=1), nn.BatchNorm2d(16), nn.ReLU(), nn.MaxPool2d(2),
            nn.Conv2d(16, 32, 3, padding=1), nn.BatchNorm2d(32), nn.ReLU(), nn.MaxPool2d(2))
        self.classifier = nn.Sequential(nn.Flatten(), nn.Linear(32 * 56 * 56, 2))

    def forward(self, x):
        return self.classifier(self.features(x))


device = torch.device("cuda" if torch.cuda.is_available() else "cpu")
model = Net().to(device)
criterion = nn.CrossEntropyLoss()
optimizer = torch.optim.Adam(model.parameters(), lr=1e-3)


def train(epoch):
    model.train()
    running = 0.0
    for x_batch, y_batch in train_loader:
        x_batch, y_batch = x_batch.to(device), y_batch.to(device)
        optimizer.zero_grad()
        output = model(x_batch)
        loss = criterion(output, y_batch)
        loss.backward()
        optimizer.step()
        running += loss.item()
    print(f"epoch {epoch}: train loss {running / len(train_loader):.4f}")


def validate():
    model.eval()
    correct = 0
    with torch.no_grad():
        for x_batch, y_batch in val_loader:
            pred = model(x_batch.to(device)).argmax(1).cpu()
            correct += (pred == y_batch).sum().item()
    return correct / len(val_loader.dataset)


n_epochs = 25
for epoch in range(n_epochs):
    train(epoch)
    print("val acc", validate())

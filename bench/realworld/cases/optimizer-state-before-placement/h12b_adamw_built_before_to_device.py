# source: https://github.com/pytorch/pytorch/issues/7321
# error: RuntimeError: Tensors of the same index must be on the same device and the same dtype except `step` tensors that can be CPU and float32/64 notwithstanding
# pattern: optimizer-state-before-placement
# shape: helper, loader-loop
# looks-like: optimizer-state-before-placement
# needs: torch
# cpu: no written where torch was not installed; not run

import torch
import torch.nn as nn
from torch.utils.data import DataLoader, Dataset


class SensorWindows(Dataset):
    def __init__(self, path, window=128):
        blob = torch.load(path)
        self.signals = blob["signals"].float()
        self.labels = blob["labels"].long()
        self.window = window

    def __len__(self):
        return self.signals.shape[0]

    def __getitem__(self, idx):
        return self.signals[idx, :, : self.window], self.labels[idx]


class ActivityCNN(nn.Module):
    def __init__(self, channels=9, n_classes=6):
        super().__init__()
        self.net = nn.Sequential(
            nn.Conv1d(channels, 64, 5, padding=2), nn.BatchNorm1d(64), nn.ReLU(),
            nn.Conv1d(64, 128, 5, padding=2), nn.BatchNorm1d(128), nn.ReLU(),
            nn.AdaptiveAvgPool1d(1), nn.Flatten(), nn.Linear(128, n_classes),
        )

    def forward(self, x):
        return self.net(x)


def build_model_and_optimizer(lr=3e-3, weight_decay=1e-2):
    model = ActivityCNN()
    optimizer = torch.optim.AdamW(model.parameters(), lr=lr, weight_decay=weight_decay)
    scheduler = torch.optim.lr_scheduler.CosineAnnealingLR(optimizer, T_max=30)
    return model, optimizer, scheduler


def main():
    device = torch.device("cuda" if torch.cuda.is_available() else "cpu")
    loader = DataLoader(SensorWindows("data/har_train.pt"), batch_size=256, shuffle=True)
    criterion = nn.CrossEntropyLoss()

    model, optimizer, scheduler = build_model_and_optimizer()
    model.to(device)
    for epoch in range(30):
        model.train()
        for x, y in loader:
            x, y = x.to(device), y.to(device)
            loss = criterion(model(x), y)
            optimizer.zero_grad()
            loss.backward()
            optimizer.step()
        scheduler.step()
        print(f"epoch {epoch}: loss {loss.item():.4f} lr {scheduler.get_last_lr()[0]:.5f}")


if __name__ == "__main__":
    main()

# source: https://github.com/pytorch/pytorch/issues/80490
# error: RuntimeError: Expected all tensors to be on the same device, but found at least two devices, cuda:0 and cpu!
# pattern: stale-alias
# shape: class, loader-loop
# bug-lines: 41, 42, 50
# cpu: clean
# needs: torch
import torch
import torch.nn as nn
import torch.nn.functional as F
from torch.utils.data import DataLoader, TensorDataset


class Standardizer(nn.Module):
    def __init__(self, mean, std):
        super().__init__()
        self.register_buffer("mean", mean)
        self.register_buffer("std", std)

    def forward(self, x):
        return (x - self.mean) / self.std


class HousePriceRegressor(nn.Module):
    def __init__(self, x_mean, x_std, y_mean, y_std, hidden=64):
        super().__init__()
        self.input_norm = Standardizer(x_mean, x_std)
        self.target_norm = Standardizer(y_mean, y_std)
        self.mlp = nn.Sequential(nn.Linear(x_mean.numel(), hidden), nn.ReLU(), nn.Linear(hidden, 1))

    def forward(self, x):
        return self.mlp(self.input_norm(x))


class Trainer:
    def __init__(self, model, loader, device, lr=1e-3):
        self.model = model
        self.loader = loader
        self.device = device
        self.lr = lr
        self.target_mean = model.target_norm.mean
        self.target_std = model.target_norm.std

    def setup(self):
        self.model.to(self.device)
        self.model.train()
        self.optimizer = torch.optim.Adam(self.model.parameters(), lr=self.lr)

    def denormalize(self, pred):
        return pred * self.target_std + self.target_mean

    def train_epoch(self):
        total = 0.0
        for features, prices in self.loader:
            features, prices = features.to(self.device), prices.to(self.device)
            pred = self.denormalize(self.model(features))
            loss = F.mse_loss(pred, prices)
            self.optimizer.zero_grad()
            loss.backward()
            self.optimizer.step()
            total += loss.item() * len(features)
        return total / len(self.loader.dataset)


def main():
    features = torch.randn(256, 8) * 3 + 10
    prices = features.sum(dim=1, keepdim=True) * 1000 + 5e4
    model = HousePriceRegressor(features.mean(0), features.std(0), prices.mean(0), prices.std(0))
    device = torch.device("cuda" if torch.cuda.is_available() else "cpu")
    trainer = Trainer(model, DataLoader(TensorDataset(features, prices), batch_size=32, shuffle=True), device)
    trainer.setup()
    for epoch in range(3):
        print(f"epoch {epoch}: mse {trainer.train_epoch():.1f}")


if __name__ == "__main__":
    main()

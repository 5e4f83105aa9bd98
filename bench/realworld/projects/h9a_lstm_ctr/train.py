# source: https://github.com/pytorch/pytorch/issues/52186
# error: RuntimeError: Input and hidden tensors are not at the same device, found input tensor at cuda:0 and hidden tensor at cpu
# pattern: tensor-created-without-device
# shape: class, multi-file, loader-loop
# needs: torch
# cpu: no written where torch was not installed; not run
"""Train the click forecaster, on the GPU when one is available."""
import argparse

import torch
import torch.nn as nn
from torch.utils.data import DataLoader

from data import ClickWindowDataset, loading_data
from model import LSTMForecaster


def parse_args():
    p = argparse.ArgumentParser()
    p.add_argument("--csv", default="data/hourly_clicks.csv")
    p.add_argument("--n-hour", type=int, default=24)
    p.add_argument("--batch-size", type=int, default=64)
    p.add_argument("--epochs", type=int, default=10)
    p.add_argument("--lr", type=float, default=1e-3)
    return p.parse_args()


@torch.no_grad()
def evaluate(model, loader, criterion, device):
    model.eval()
    total, n = 0.0, 0
    for x, y in loader:
        x, y = x.to(device), y.to(device)
        total += criterion(model(x), y).item() * x.size(0)
        n += x.size(0)
    return total / max(n, 1)


def main():
    args = parse_args()
    feature_cols = list(range(0, 12))
    train_split, test_split, n_features = loading_data(args.csv, feature_cols, args.n_hour)
    train_loader = DataLoader(ClickWindowDataset(train_split, args.n_hour),
                              batch_size=args.batch_size, shuffle=False, num_workers=0)
    test_loader = DataLoader(ClickWindowDataset(test_split, args.n_hour), batch_size=256)

    device = torch.device("cuda" if torch.cuda.is_available() else "cpu")
    model = LSTMForecaster(input_size=n_features).double().to(device)
    criterion = nn.MSELoss()
    optimizer = torch.optim.Adam(model.parameters(), lr=args.lr)

    for epoch in range(args.epochs):
        model.train()
        running = 0.0
        for step, (x, y) in enumerate(train_loader):
            x, y = x.to(device), y.to(device)
            optimizer.zero_grad()
            loss = criterion(model(x), y)
            loss.backward()
            optimizer.step()
            running += loss.item()
        val = evaluate(model, test_loader, criterion, device)
        print(f"epoch {epoch + 1}: train mse {running / (step + 1):.5f} | test mse {val:.5f}")
    torch.save(model.state_dict(), "lstm_forecaster.pt")


if __name__ == "__main__":
    main()

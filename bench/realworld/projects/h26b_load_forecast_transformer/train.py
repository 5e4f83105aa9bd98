# source: https://github.com/LiamMaclean216/Pytorch-Transfomer/pull/7
# error: RuntimeError: Expected all tensors to be on the same device, but found at least two devices, cuda:0 and cpu!
# pattern: module-in-plain-container
# shape: multi-file, loader-loop
# needs: torch
# cpu: no written where torch was not installed; not run
import argparse

import torch
import torch.nn.functional as F

from data import make_loaders
from model import LoadTransformer


def run_epoch(model, loader, device, optimizer=None):
    training = optimizer is not None
    model.train(training)
    total = 0.0
    with torch.set_grad_enabled(training):
        for history, future in loader:
            history, future = history.to(device), future.to(device)
            loss = F.mse_loss(model(history), future)
            if training:
                optimizer.zero_grad()
                loss.backward()
                optimizer.step()
            total += loss.item() * history.size(0)
    return total / len(loader.dataset)


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--csv", default="data/grid_load.csv")
    parser.add_argument("--epochs", type=int, default=30)
    parser.add_argument("--lr", type=float, default=3e-4)
    args = parser.parse_args()

    device = torch.device("cuda" if torch.cuda.is_available() else "cpu")
    train_loader, val_loader, n_features = make_loaders(args.csv)
    model = LoadTransformer(n_features=n_features, horizon=24).to(device)
    optimizer = torch.optim.AdamW(model.parameters(), lr=args.lr)

    best = float("inf")
    for epoch in range(args.epochs):
        train_loss = run_epoch(model, train_loader, device, optimizer)
        val_loss = run_epoch(model, val_loader, device)
        print(f"epoch {epoch:02d} train {train_loss:.4f} val {val_loss:.4f}")
        if val_loss < best:
            best = val_loss
            torch.save(model.state_dict(), "load_transformer.pt")


if __name__ == "__main__":
    main()

# source: https://github.com/pxq0312/SFANet-crowd-counting/issues/5
# error: RuntimeError: Expected all tensors to be on the same device, but found at least two devices, cuda:0 and cpu!
# pattern: inputs-not-moved
# shape: multi-file, loader-loop
# bug-lines: 25
# needs: torch
# cpu: no written where torch was not installed; not run
"""Train the herd counter on the 2023 Serengeti aerial survey and keep the best MAE."""
import argparse

import torch
from torch.utils.data import DataLoader

from density_net import HerdDensityNet
from herd_data import SurveyTiles


def evaluate(model, loader, device):
    model.eval()
    abs_err, sq_err = 0.0, 0.0
    with torch.no_grad():
        for tiles, counts in loader:
            tiles = tiles.to(device)
            pred = model(tiles).flatten(1).sum(dim=1)
            diff = pred - counts
            abs_err += diff.abs().sum().item()
            sq_err += (diff ** 2).sum().item()
    n = len(loader.dataset)
    model.train()
    return abs_err / n, (sq_err / n) ** 0.5


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--train_index", default="survey/train.json")
    parser.add_argument("--val_index", default="survey/val.json")
    parser.add_argument("--epochs", type=int, default=200)
    args = parser.parse_args()

    device = torch.device("cuda" if torch.cuda.is_available() else "cpu")
    model = HerdDensityNet().to(device)
    optimizer = torch.optim.Adam(model.parameters(), lr=1e-5)
    mse = torch.nn.MSELoss(reduction="sum")
    train_loader = DataLoader(SurveyTiles(args.train_index), batch_size=8, shuffle=True)
    val_loader = DataLoader(SurveyTiles(args.val_index, train=False), batch_size=4)

    best_mae = float("inf")
    for epoch in range(args.epochs):
        for tiles, density in train_loader:
            tiles, density = tiles.to(device), density.to(device)
            loss = mse(model(tiles), density) / tiles.size(0)
            optimizer.zero_grad()
            loss.backward()
            optimizer.step()
        mae, rmse = evaluate(model, val_loader, device)
        print(f"epoch {epoch}: MAE {mae:.2f} RMSE {rmse:.2f}")
        if mae < best_mae:
            best_mae = mae
            torch.save(model.state_dict(), "herd_counter_best.pt")


if __name__ == "__main__":
    main()

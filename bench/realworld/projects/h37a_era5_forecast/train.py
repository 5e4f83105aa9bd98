# source: https://github.com/aditya-grover/climate-learn/pull/96
# error: RuntimeError: Input type (torch.cuda.DoubleTensor) and weight type (torch.cuda.FloatTensor) should be the same
# pattern: float64-input
# shape: multi-file, loader-loop
# bug-lines: 35
# needs: torch
# cpu: no written where torch was not installed; not run
"""Train the baseline forecaster on ERA5 5.625deg data: python train.py"""
import glob

import torch
from torch.utils.data import DataLoader

from era5_data import DYNAMIC_VARS, ERA5Forecast
from model import ResNetForecaster


def lat_weighted_mse(pred, target, lat_weights):
    return ((pred - target) ** 2 * lat_weights).mean()


def main():
    device = torch.device("cuda" if torch.cuda.is_available() else "cpu")
    train_set = ERA5Forecast(sorted(glob.glob("era5/train/*.nc")), lead_hours=6)
    loader = DataLoader(train_set, batch_size=16, shuffle=True, num_workers=4)
    model = ResNetForecaster(in_channels=len(DYNAMIC_VARS) + 2,
                             out_channels=len(DYNAMIC_VARS)).to(device)
    opt = torch.optim.AdamW(model.parameters(), lr=5e-4, weight_decay=1e-5)
    lat_w = torch.from_numpy(train_set.static[0]).float().to(device)
    lat_w = lat_w / lat_w.mean()
    for epoch in range(50):
        model.train()
        for inp, target in loader:
            inp, target = inp.to(device), target.to(device)
            pred = model(inp)
            loss = lat_weighted_mse(pred, target, lat_w)
            opt.zero_grad()
            loss.backward()
            opt.step()
        print(f"epoch {epoch}: train loss {loss.item():.4f}")
        torch.save(model.state_dict(), f"ckpt/resnet_era5_e{epoch}.pt")


if __name__ == "__main__":
    main()

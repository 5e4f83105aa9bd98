# source: https://github.com/sktime/pytorch-forecasting/issues/574
# error: RuntimeError: expected scalar type Float but found Double
# pattern: float64-input
# shape: multi-file, loader-loop, batch-dict
# looks-like: float64-input
# needs: torch, numpy, pandas
# cpu: no written where torch was not installed; not run
import argparse

import pandas as pd
import torch
from torch.utils.data import DataLoader

from data import TrafficWindows, add_calendar_features
from model import DeepARLite


def gaussian_nll(mu, sigma, y):
    return torch.distributions.Normal(mu, sigma).log_prob(y).neg().mean()


def run_epoch(model, loader, device, optimizer=None):
    total, n = 0.0, 0
    for batch in loader:
        batch = {k: v.to(device) for k, v in batch.items()}
        mu, sigma = model(batch["encoder_target"], batch["encoder_cov"], batch["decoder_cov"])
        loss = gaussian_nll(mu, sigma, batch["target"])
        if optimizer is not None:
            optimizer.zero_grad()
            loss.backward()
            optimizer.step()
        total += loss.item()
        n += 1
    return total / max(n, 1)


if __name__ == "__main__":
    ap = argparse.ArgumentParser()
    ap.add_argument("--csv", default="traffic.csv")
    args = ap.parse_args()
    device = torch.device("cuda" if torch.cuda.is_available() else "cpu")
    df = add_calendar_features(pd.read_csv(args.csv, parse_dates=["timestamp"]))
    cutoff = df["timestamp"].quantile(0.8)
    train_ds = TrafficWindows(df[df["timestamp"] <= cutoff])
    test_ds = TrafficWindows(df[df["timestamp"] > cutoff])
    model = DeepARLite().to(device)
    opt = torch.optim.Adam(model.parameters(), lr=1e-3)
    for epoch in range(5):
        train_loss = run_epoch(model, DataLoader(train_ds, batch_size=64, shuffle=True), device, opt)
        with torch.no_grad():
            test_loss = run_epoch(model, DataLoader(test_ds, batch_size=64), device)
        print(f"epoch {epoch}: train {train_loss:.4f} test {test_loss:.4f}")

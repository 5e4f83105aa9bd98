# source: https://github.com/h3ik0th/ES_energy_Transformer/issues/1
# error: RuntimeError: expected scalar type Float but found Double
# pattern: float64-input
# shape: multi-file, loader-loop, batch-dict
# bug-lines: 28, 29, 40
# needs: torch, numpy, pandas
# cpu: no written where torch was not installed; not run
import argparse

import torch
import torch.nn as nn
from torch.utils.data import DataLoader

from data import WindowDataset, load_energy_frame, train_val_split
from model import NBeats


def fit(model, train_loader, val_loader, device, epochs=10, lr=1e-3):
    opt = torch.optim.Adam(model.parameters(), lr=lr)
    loss_fn = nn.MSELoss()
    for epoch in range(epochs):
        model.train()
        total = 0.0
        for batch in train_loader:
            past = batch["past"].to(device)
            future = batch["future"].to(device)
            opt.zero_grad()
            pred = model(past)
            loss = loss_fn(pred, future)
            loss.backward()
            opt.step()
            total += loss.item() * past.size(0)
        val = evaluate(model, val_loader, device, loss_fn)
        print(f"epoch {epoch}: train {total / len(train_loader.dataset):.4f}  val {val:.4f}")


@torch.no_grad()
def evaluate(model, loader, device, loss_fn):
    model.eval()
    losses = [loss_fn(model(b["past"].to(device)), b["future"].to(device)).item() for b in loader]
    return sum(losses) / max(len(losses), 1)


if __name__ == "__main__":
    ap = argparse.ArgumentParser()
    ap.add_argument("--csv", default="energy_dataset.csv")
    args = ap.parse_args()
    device = torch.device("cuda" if torch.cuda.is_available() else "cpu")
    train_df, val_df = train_val_split(load_energy_frame(args.csv))
    train_loader = DataLoader(WindowDataset(train_df), batch_size=64, shuffle=True)
    val_loader = DataLoader(WindowDataset(val_df), batch_size=64)
    model = NBeats().to(device)
    fit(model, train_loader, val_loader, device)

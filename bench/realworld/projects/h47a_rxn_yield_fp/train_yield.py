# source: https://github.com/deepchem/deepchem/issues/3557
# error: RuntimeError: mat1 and mat2 must have the same dtype, but got Long and Float
# pattern: integer-input
# shape: multi-file, loader-loop
# bug-lines: 19, 38, 44
# needs: torch, pandas
# cpu: no written where torch was not installed; not run
"""Fit the yield regressor on the high-throughput Buchwald-Hartwig plate data."""
import pandas as pd
import torch
import torch.nn as nn
from torch.utils.data import DataLoader, TensorDataset

from featurize import featurize_reactions
from yield_model import YieldMLP


def make_loader(frame, shuffle):
    features = torch.from_numpy(featurize_reactions(frame))
    yields = torch.tensor(frame["yield"].values / 100.0, dtype=torch.float32)
    return DataLoader(TensorDataset(features, yields), batch_size=128, shuffle=shuffle)


def run(csv_path, epochs=60):
    device = torch.device("cuda" if torch.cuda.is_available() else "cpu")
    plate = pd.read_csv(csv_path)
    test_mask = plate["plate_id"].isin([3, 7])
    train_loader = make_loader(plate[~test_mask], shuffle=True)
    test_loader = make_loader(plate[test_mask], shuffle=False)

    model = YieldMLP(train_loader.dataset.tensors[0].shape[1]).to(device)
    optimizer = torch.optim.Adam(model.parameters(), lr=5e-4)
    loss_fn = nn.MSELoss()
    for epoch in range(epochs):
        model.train()
        for xb, yb in train_loader:
            xb, yb = xb.to(device), yb.to(device)
            loss = loss_fn(model(xb), yb)
            optimizer.zero_grad()
            loss.backward()
            optimizer.step()
        model.eval()
        with torch.no_grad():
            sq = sum(((model(xb.to(device)) - yb.to(device)) ** 2).sum().item() for xb, yb in test_loader)
        rmse = (sq / len(test_loader.dataset)) ** 0.5 * 100
        print(f"epoch {epoch}: train mse {loss.item():.4f} test rmse {rmse:.1f}% yield")


if __name__ == "__main__":
    run("data/buchwald_hartwig_plates.csv")

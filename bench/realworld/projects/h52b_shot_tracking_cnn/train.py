# source: https://stackoverflow.com/questions/66074684/runtimeerror-expected-scalar-type-double-but-found-float-in-pytorch-cnn-train
# error: RuntimeError: expected scalar type Double but found Float
# pattern: float64-input
# shape: multi-file, helper, loader-loop
# needs: torch, numpy, pandas
# cpu: no written where torch was not installed; not run
import numpy as np
import pandas as pd
import torch
import torch.nn as nn
from torch.utils.data import DataLoader

from dataset import ShotWindows
from features import shot_windows, standardize
from model import ShotQualityCNN


def main(tracking_csv="tracking.csv", shots_csv="shots.csv", epochs=25):
    device = torch.device("cuda" if torch.cuda.is_available() else "cpu")
    tracking = pd.read_csv(tracking_csv)
    shots = pd.read_csv(shots_csv)
    windows, labels = shot_windows(tracking, shots)
    windows, mean, std = standardize(windows)
    np.savez("shot_norm.npz", mean=mean, std=std)

    loader = DataLoader(ShotWindows(windows, labels), batch_size=64, shuffle=True, drop_last=True)
    model = ShotQualityCNN(in_features=windows.shape[1]).to(device)
    criterion = nn.BCEWithLogitsLoss()
    optimizer = torch.optim.Adam(model.parameters(), lr=1e-3)

    for epoch in range(epochs):
        total = 0.0
        for x, y in loader:
            x, y = x.to(device), y.to(device)
            logits = model(x)
            loss = criterion(logits, y)
            optimizer.zero_grad()
            loss.backward()
            optimizer.step()
            total += loss.item() * y.size(0)
        print(f"epoch {epoch}: bce {total / len(loader.dataset):.4f}")
    torch.save(model.state_dict(), "shot_quality_cnn.pth")


if __name__ == "__main__":
    main()

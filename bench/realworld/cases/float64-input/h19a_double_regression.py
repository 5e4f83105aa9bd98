# source: https://github.com/cornellius-gp/gpytorch/issues/2003
# error: RuntimeError: expected scalar type Float but found Double
# pattern: float64-input
# shape: helper, loader-loop
# looks-like: float64-input
# needs: torch, numpy, pandas
# cpu: no written where torch was not installed; not run
import numpy as np
import pandas as pd
import torch
import torch.nn as nn
from torch.utils.data import DataLoader, Dataset

# the yield curve targets differ in the 7th decimal, so this model is kept in double precision
torch.set_printoptions(precision=10)
device = torch.device("cuda" if torch.cuda.is_available() else "cpu")


class CurveDataset(Dataset):
    def __init__(self, frame, feature_cols, target_col):
        self.x = frame[feature_cols].to_numpy(dtype=np.float64)
        self.y = frame[target_col].to_numpy(dtype=np.float64)

    def __len__(self):
        return len(self.y)

    def __getitem__(self, idx):
        return torch.from_numpy(self.x[idx]), torch.tensor(self.y[idx])


def build_model(n_features):
    model = nn.Sequential(
        nn.Linear(n_features, 64), nn.Tanh(),
        nn.Linear(64, 64), nn.Tanh(),
        nn.Linear(64, 1),
    )
    return model.double().to(device)


def train(model, loader, epochs=50):
    opt = torch.optim.LBFGS(model.parameters(), lr=0.5, max_iter=20)
    loss_fn = nn.MSELoss()
    for epoch in range(epochs):
        for xb, yb in loader:
            xb, yb = xb.to(device), yb.to(device).unsqueeze(1)

            def closure():
                opt.zero_grad()
                loss = loss_fn(model(xb), yb)
                loss.backward()
                return loss

            loss = opt.step(closure)
        if epoch % 10 == 0:
            print(f"epoch {epoch}: mse {loss.item():.3e}")


if __name__ == "__main__":
    frame = pd.read_csv("data/yield_curves.csv")
    features = [c for c in frame.columns if c.startswith("tenor_")]
    loader = DataLoader(CurveDataset(frame, features, "spread"), batch_size=256, shuffle=True)
    model = build_model(len(features))
    train(model, loader)

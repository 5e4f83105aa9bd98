# source: https://github.com/jmschrei/pomegranate/issues/1045
# error: RuntimeError: expected scalar type Double but found Float
# pattern: float64-input
# shape: helper, loader-loop
# looks-like: float64-input
# needs: torch, numpy, pandas, scikit-learn
# cpu: no written where torch was not installed; not run
import numpy as np
import pandas as pd
import torch
import torch.nn as nn
from sklearn.model_selection import train_test_split
from sklearn.preprocessing import StandardScaler
from torch.utils.data import DataLoader, TensorDataset

NUMERIC = ["tenure", "monthly_charges", "total_charges", "num_support_calls"]


def to_dataset(features, labels):
    # StandardScaler hands back float64 arrays; cast once here so every batch is float32.
    x = torch.from_numpy(features).float()
    y = torch.from_numpy(labels.astype(np.float32)).unsqueeze(1)
    return TensorDataset(x, y)


def make_loaders(csv_path, batch_size=256):
    df = pd.read_csv(csv_path).dropna(subset=NUMERIC)
    x = df[NUMERIC].to_numpy()
    y = (df["churn"] == "Yes").to_numpy()
    x_tr, x_va, y_tr, y_va = train_test_split(x, y, test_size=0.2, stratify=y, random_state=0)
    scaler = StandardScaler().fit(x_tr)
    train_ds = to_dataset(scaler.transform(x_tr), y_tr)
    val_ds = to_dataset(scaler.transform(x_va), y_va)
    return DataLoader(train_ds, batch_size=batch_size, shuffle=True), DataLoader(val_ds, batch_size=1024)


def train(csv_path, epochs=20):
    device = torch.device("cuda" if torch.cuda.is_available() else "cpu")
    train_loader, val_loader = make_loaders(csv_path)
    model = nn.Sequential(nn.Linear(len(NUMERIC), 64), nn.ReLU(), nn.Linear(64, 1)).to(device)
    optimizer = torch.optim.Adam(model.parameters(), lr=1e-3)
    loss_fn = nn.BCEWithLogitsLoss()
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
            hits = sum(((model(xb.to(device)) > 0).float().cpu() == yb).sum().item() for xb, yb in val_loader)
        print(f"epoch {epoch}: val acc {hits / len(val_loader.dataset):.3f}")
    return model


if __name__ == "__main__":
    train("data/telco_churn.csv")

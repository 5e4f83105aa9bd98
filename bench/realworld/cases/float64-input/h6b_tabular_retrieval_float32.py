# source: https://github.com/yandex-research/tabular-dl-tabr/issues/23
# error: RuntimeError: expected scalar type Float but found Double
# pattern: float64-input
# looks-like: float64-input
# shape: helper, loader-loop
# needs: torch, numpy, pandas, scikit-learn
# cpu: no written where torch was not installed; not run
"""Tabular regression: pandas features -> standardised numpy -> MLP on the GPU."""
import numpy as np
import pandas as pd
import torch
import torch.nn as nn
from sklearn.model_selection import train_test_split
from sklearn.preprocessing import StandardScaler
from torch.utils.data import DataLoader, TensorDataset


def load_features(csv_path, target_col):
    df = pd.read_csv(csv_path)
    y = df.pop(target_col).to_numpy()
    X = df.select_dtypes("number").to_numpy()             # float64 out of pandas
    X_train, X_val, y_train, y_val = train_test_split(X, y, test_size=0.2, random_state=0)
    scaler = StandardScaler().fit(X_train)
    X_train, X_val = scaler.transform(X_train), scaler.transform(X_val)
    # the model runs in float32, so convert once here instead of per batch
    to_tensor = lambda a: torch.from_numpy(np.ascontiguousarray(a, dtype=np.float32))
    return to_tensor(X_train), to_tensor(X_val), to_tensor(y_train), to_tensor(y_val)


def make_mlp(d_in, d_hidden=256, n_blocks=3, dropout=0.1):
    layers, d = [], d_in
    for _ in range(n_blocks):
        layers += [nn.Linear(d, d_hidden), nn.ReLU(), nn.Dropout(dropout)]
        d = d_hidden
    layers.append(nn.Linear(d, 1))
    return nn.Sequential(*layers)


def main(csv_path="california.csv", target="MedHouseVal", epochs=50):
    device = torch.device("cuda" if torch.cuda.is_available() else "cpu")
    X_train, X_val, y_train, y_val = load_features(csv_path, target)
    loader = DataLoader(TensorDataset(X_train, y_train), batch_size=256, shuffle=True)
    model = make_mlp(X_train.shape[1]).to(device)
    optimizer = torch.optim.AdamW(model.parameters(), lr=1e-3, weight_decay=1e-5)
    loss_fn = nn.MSELoss()
    for epoch in range(epochs):
        model.train()
        for xb, yb in loader:
            xb, yb = xb.to(device), yb.to(device)
            loss = loss_fn(model(xb).squeeze(-1), yb)
            optimizer.zero_grad()
            loss.backward()
            optimizer.step()
        model.eval()
        with torch.no_grad():
            val_rmse = loss_fn(model(X_val.to(device)).squeeze(-1), y_val.to(device)).sqrt()
        print(f"epoch {epoch}: val rmse {val_rmse.item():.4f}")


if __name__ == "__main__":
    main()

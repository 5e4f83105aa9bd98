# source: https://github.com/microsoft/hummingbird/issues/388
# error: RuntimeError: mat1 and mat2 must have the same dtype, but got Double and Float
# pattern: float64-input
# shape: helper, loader-loop
# bug-lines: 20, 40, 49
# needs: torch, numpy, pandas, sklearn
# cpu: no written where torch was not installed; not run
import numpy as np
import pandas as pd
import torch
import torch.nn as nn
from sklearn.model_selection import KFold
from sklearn.preprocessing import StandardScaler
from torch.utils.data import DataLoader, TensorDataset

DEVICE = torch.device("cuda" if torch.cuda.is_available() else "cpu")


def to_loader(X, y=None, shuffle=False, batch_size=1024):
    tensors = [torch.from_numpy(X)]
    if y is not None:
        tensors.append(torch.from_numpy(y.astype(np.float32)))
    return DataLoader(TensorDataset(*tensors), batch_size=batch_size, shuffle=shuffle)


def make_model(n_in):
    return nn.Sequential(nn.Linear(n_in, 256), nn.ReLU(), nn.Dropout(0.1),
                         nn.Linear(256, 64), nn.ReLU(), nn.Linear(64, 1))


def fit_fold(X_tr, y_tr, epochs=30):
    model = make_model(X_tr.shape[1]).to(DEVICE)
    opt = torch.optim.Adam(model.parameters(), lr=1e-3)
    loss_fn = nn.MSELoss()
    for _ in range(epochs):
        model.train()
        for xb, yb in to_loader(X_tr, y_tr, shuffle=True):
            xb, yb = xb.to(DEVICE), yb.to(DEVICE)
            opt.zero_grad()
            loss = loss_fn(model(xb).squeeze(1), yb)
            loss.backward()
            opt.step()
    return model


@torch.no_grad()
def predict(model, X):
    model.eval()
    return np.concatenate([model(xb.to(DEVICE)).squeeze(1).cpu().numpy()
                           for (xb,) in to_loader(X)])


def main():
    train = pd.read_csv("input/playground-series/train.csv")
    test = pd.read_csv("input/playground-series/test.csv")
    features = [c for c in train.columns if c not in ("id", "target")]
    y = np.log1p(train["target"].values)

    oof, test_pred = np.zeros(len(train)), np.zeros(len(test))
    for fold, (tr, va) in enumerate(KFold(5, shuffle=True, random_state=7).split(train)):
        scaler = StandardScaler()
        X_tr = scaler.fit_transform(train.loc[tr, features].values)
        X_va = scaler.transform(train.loc[va, features].values)
        X_te = scaler.transform(test[features].values)
        model = fit_fold(X_tr, y[tr])
        oof[va] = predict(model, X_va)
        test_pred += predict(model, X_te) / 5
        print(f"fold {fold}: rmsle {np.sqrt(np.mean((oof[va] - y[va]) ** 2)):.5f}")

    pd.DataFrame({"id": test["id"], "target": np.expm1(test_pred)}).to_csv("submission.csv", index=False)


if __name__ == "__main__":
    main()

# source: https://github.com/OpenTabular/DeepTab/issues/448
# error: RuntimeError: mat1 and mat2 must have the same dtype, but got Long and Float
# pattern: integer-input
# shape: multi-file, batch-dict, loader-loop
# needs: torch, pandas
# cpu: no written where torch was not installed; not run

import pandas as pd
import torch
import torch.nn as nn
from torch.utils.data import DataLoader

from data import TabularDataset, TabularPreprocessor
from model import TabularResNet


def fit_regressor(X, y, epochs=20, batch_size=256, lr=1e-3):
    device = torch.device("cuda" if torch.cuda.is_available() else "cpu")
    prep = TabularPreprocessor().fit(X)
    num, cat = prep.transform(X)
    loader = DataLoader(TabularDataset(num, cat, y), batch_size=batch_size, shuffle=True)

    model = TabularResNet(n_features=len(num) + len(cat)).to(device)
    optimizer = torch.optim.AdamW(model.parameters(), lr=lr)
    loss_fn = nn.MSELoss()

    for epoch in range(epochs):
        model.train()
        total = 0.0
        for num_features, cat_features, labels in loader:
            num_features = [t.to(device) for t in num_features]
            cat_features = [t.to(device) for t in cat_features]
            preds = model(num_features, cat_features)
            loss = loss_fn(preds, labels.to(device))
            optimizer.zero_grad()
            loss.backward()
            optimizer.step()
            total += loss.item() * labels.size(0)
        print(f"epoch {epoch}: mse {total / len(loader.dataset):.4f}")
    return model, prep


if __name__ == "__main__":
    df = pd.read_csv("stores.csv")
    # only categorical descriptors of each store are used as inputs
    features = df[["city", "segment", "channel", "store_type"]]
    fit_regressor(features, df["weekly_sales"].values)

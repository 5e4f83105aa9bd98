# source: https://github.com/czifan/DeepSurv.pytorch/issues/8
# error: RuntimeError: Expected all tensors to be on the same device, but found at least two devices, cuda:0 and cpu! (when checking argument for argument mat1 in method wrapper_CUDA_addmm)
# pattern: inputs-not-moved
# shape: loader-loop, helper
# bug-lines: 54, 62
# needs: torch, numpy, pandas
# cpu: no written where torch was not installed; not run
"""Time-to-churn model for the grocery-box subscription: each row is a customer
with basket/engagement features, the number of weeks observed and whether they
cancelled. Cox partial likelihood, DeepSurv-style MLP."""
import numpy as np
import pandas as pd
import torch
import torch.nn as nn
from torch.utils.data import DataLoader, TensorDataset

FEATURES = ["orders_90d", "avg_basket_eur", "skips_90d", "support_tickets",
            "days_since_last_login", "discount_share", "app_sessions_30d"]


class HazardNet(nn.Module):
    def __init__(self, n_in, hidden=64):
        super().__init__()
        self.mlp = nn.Sequential(nn.Linear(n_in, hidden), nn.SELU(), nn.AlphaDropout(0.1),
                                 nn.Linear(hidden, hidden), nn.SELU(), nn.Linear(hidden, 1))

    def forward(self, x):
        return self.mlp(x)


def cox_nll(risk, weeks, churned):
    order = torch.argsort(weeks, descending=True)
    risk, churned = risk[order].squeeze(1), churned[order]
    log_cum = torch.logcumsumexp(risk, dim=0)
    return -((risk - log_cum) * churned).sum() / churned.sum().clamp(min=1.0)


def make_loader(frame):
    x = torch.tensor(frame[FEATURES].to_numpy(np.float32))
    t = torch.tensor(frame["weeks_observed"].to_numpy(np.float32))
    e = torch.tensor(frame["churned"].to_numpy(np.float32))
    return DataLoader(TensorDataset(x, t, e), batch_size=len(frame))


def fit(train_df, valid_df, epochs=300, lr=1e-3):
    device = torch.device("cuda" if torch.cuda.is_available() else "cpu")
    model = HazardNet(len(FEATURES)).to(device)
    optimizer = torch.optim.Adam(model.parameters(), lr=lr, weight_decay=1e-4)
    train_loader, valid_loader = make_loader(train_df), make_loader(valid_df)
    best = float("inf")
    for epoch in range(epochs):
        model.train()
        for X, weeks, churned in train_loader:
            risk = model(X)
            loss = cox_nll(risk, weeks, churned)
            optimizer.zero_grad()
            loss.backward()
            optimizer.step()
        model.eval()
        with torch.no_grad():
            for X, weeks, churned in valid_loader:
                val_loss = cox_nll(model(X), weeks, churned).item()
        if val_loss < best:
            best = val_loss
            torch.save(model.state_dict(), "churn_hazard_best.pt")
        if epoch % 25 == 0:
            print(f"epoch {epoch}: train {loss.item():.4f} valid {val_loss:.4f}")
    return best


if __name__ == "__main__":
    customers = pd.read_parquet("exports/subscribers_2024q1.parquet")
    is_valid = customers["customer_id"] % 5 == 0
    print("best valid nll:", fit(customers[~is_valid], customers[is_valid]))

# source: https://github.com/sktime/pytorch-forecasting/issues/1352
# error: RuntimeError: Expected all tensors to be on the same device, but found at least two devices, cuda:0 and cpu!
# pattern: inputs-not-moved
# shape: loader-loop, batch-dict, helper
# bug-lines: 49, 51
# needs: torch
# cpu: no written where torch was not installed; not run
"""Validate a store x item weekly demand forecaster with sMAPE on the held-out weeks."""
import torch
import torch.nn as nn
from torch.utils.data import DataLoader

from demand_data import WeeklyDemandWindows


class DemandForecaster(nn.Module):
    def __init__(self, n_lags=52, n_calendar=6, horizon=8, n_stores=54, hidden=128):
        super().__init__()
        self.store_emb = nn.Embedding(n_stores, 16)
        self.net = nn.Sequential(
            nn.Linear(n_lags + n_calendar * horizon + 16, hidden), nn.ReLU(),
            nn.Linear(hidden, hidden), nn.ReLU(),
            nn.Linear(hidden, horizon),
        )

    def forward(self, history, calendar, store_id):
        feats = torch.cat([history, calendar.flatten(1), self.store_emb(store_id)], dim=1)
        return nn.functional.softplus(self.net(feats))


def smape(pred, actual, eps=1e-6):
    denom = (pred.abs() + actual.abs()).clamp_min(eps)
    return (200.0 * (pred - actual).abs() / denom).mean()


@torch.no_grad()
def evaluate(model, loader, device):
    model.eval()
    preds, actuals = [], []
    for batch in loader:
        out = model(
            batch["history"].to(device),
            batch["calendar"].to(device),
            batch["store_id"].to(device),
        )
        # undo the per-series scaling applied in the dataset
        out = out * batch["scale"].to(device).unsqueeze(1)
        preds.append(out)
        actuals.append(batch["target"] * batch["scale"].unsqueeze(1))
    preds, actuals = torch.cat(preds), torch.cat(actuals)
    return smape(preds, actuals).item()


if __name__ == "__main__":
    device = torch.device("cuda" if torch.cuda.is_available() else "cpu")
    model = DemandForecaster().to(device)
    model.load_state_dict(torch.load("checkpoints/forecaster.pt", map_location=device))
    val = WeeklyDemandWindows("data/sales_weekly.parquet", split="val", horizon=8)
    loader = DataLoader(val, batch_size=512, shuffle=False)
    print(f"validation sMAPE: {evaluate(model, loader, device):.2f}")

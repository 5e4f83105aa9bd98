# source: https://github.com/pytorch/pytorch/issues/48245 https://github.com/meituan/YOLOv6/issues/418
# error: RuntimeError: "threshold_cpu" not implemented for 'Half'
# pattern: half-on-cpu
# shape: class, helper
# bug-lines: 41, 45
# needs: torch, numpy, pandas, scikit-learn
# cpu: no written where torch was not installed; not run

import argparse

import numpy as np
import pandas as pd
import torch
import torch.nn as nn
from sklearn.metrics import mean_absolute_error, r2_score


class PriceRegressor(nn.Module):
    def __init__(self, n_features, hidden=64):
        super().__init__()
        self.fc1 = nn.Linear(n_features, hidden)
        self.fc2 = nn.Linear(hidden, hidden)
        self.fc3 = nn.Linear(hidden, 1)

    def forward(self, x):
        x = torch.relu(self.fc1(x))
        x = torch.relu(self.fc2(x))
        return self.fc3(x).squeeze(-1)


class BatchScorer:
    """Scores a CSV of listings with a trained regressor on the batch-scoring host."""

    def __init__(self, ckpt_path, n_features, device="cpu", half=True):
        self.device = torch.device(device)
        self.model = PriceRegressor(n_features)
        self.model.load_state_dict(torch.load(ckpt_path, map_location=self.device))
        self.model.to(self.device).eval()
        self.half = half
        if self.half:
            self.model.half()  # halve memory on the scoring host

    def _to_tensor(self, frame):
        x = torch.from_numpy(frame.to_numpy(dtype=np.float32)).to(self.device)
        return x.half() if self.half else x

    @torch.no_grad()
    def predict(self, frame, batch_size=4096):
        preds = []
        for start in range(0, len(frame), batch_size):
            x = self._to_tensor(frame.iloc[start:start + batch_size])
            preds.append(self.model(x).float().numpy())
        return np.concatenate(preds)


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--csv", default="data/holdout.csv")
    parser.add_argument("--ckpt", default="checkpoints/regressor.pt")
    parser.add_argument("--device", default="cpu")
    args = parser.parse_args()

    df = pd.read_csv(args.csv)
    features = df.drop(columns=["price"])
    scorer = BatchScorer(args.ckpt, n_features=features.shape[1], device=args.device)
    y_pred = scorer.predict(features)
    print("MAE:", mean_absolute_error(df["price"], y_pred))
    print("R2 :", r2_score(df["price"], y_pred))


if __name__ == "__main__":
    main()

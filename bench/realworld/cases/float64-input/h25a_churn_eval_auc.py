# source: https://github.com/NVIDIA-Merlin/NVTabular/issues/1738
# error: RuntimeError: expected scalar type Float but found Double
# pattern: float64-input
# shape: helper, loader-loop
# looks-like: float64-input
# needs: torch, numpy, pandas, scikit-learn
# cpu: no written where torch was not installed; not run

import numpy as np
import pandas as pd
import torch
import torch.nn as nn
from sklearn.metrics import average_precision_score, roc_auc_score
from torch.utils.data import DataLoader, TensorDataset

NUMERIC = ["tenure_months", "monthly_charges", "total_charges", "support_calls", "days_since_login"]
CATEGORICAL = ["plan", "region", "payment_method"]


class ChurnMLP(nn.Module):
    def __init__(self, n_numeric, cat_cards, emb_dim=8):
        super().__init__()
        self.embs = nn.ModuleList(nn.Embedding(c, emb_dim) for c in cat_cards)
        self.mlp = nn.Sequential(nn.Linear(n_numeric + emb_dim * len(cat_cards), 128), nn.ReLU(),
                                 nn.Dropout(0.1), nn.Linear(128, 1))

    def forward(self, num, cat):
        embedded = [emb(cat[:, i]) for i, emb in enumerate(self.embs)]
        return self.mlp(torch.cat([num] + embedded, dim=-1)).squeeze(-1)


def frame_to_tensors(df, stats):
    num = (df[NUMERIC] - stats["mean"]) / stats["std"]
    num_t = torch.from_numpy(num.to_numpy(dtype=np.float32))
    cat_t = torch.from_numpy(df[CATEGORICAL].to_numpy(dtype=np.int64))
    y_t = torch.from_numpy(df["churned"].to_numpy()).float()
    return num_t, cat_t, y_t


@torch.no_grad()
def score(model, loader, device):
    model.eval()
    probs, labels = [], []
    for num, cat, y in loader:
        logits = model(num.to(device), cat.to(device))
        probs.append(torch.sigmoid(logits).cpu().numpy())
        labels.append(y.numpy())
    return np.concatenate(labels), np.concatenate(probs)


if __name__ == "__main__":
    device = torch.device("cuda" if torch.cuda.is_available() else "cpu")
    ckpt = torch.load("checkpoints/churn_mlp.pt", map_location=device)
    test_df = pd.read_parquet("data/churn_test.parquet")
    model = ChurnMLP(len(NUMERIC), ckpt["cat_cards"]).to(device)
    model.load_state_dict(ckpt["model"])
    stats = {"mean": pd.Series(ckpt["num_mean"], index=NUMERIC), "std": pd.Series(ckpt["num_std"], index=NUMERIC)}
    loader = DataLoader(TensorDataset(*frame_to_tensors(test_df, stats)), batch_size=4096)
    y_true, y_prob = score(model, loader, device)
    print(f"ROC-AUC {roc_auc_score(y_true, y_prob):.4f}  PR-AUC {average_precision_score(y_true, y_prob):.4f}")

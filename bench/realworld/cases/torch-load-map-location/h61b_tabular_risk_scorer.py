# source: https://github.com/pytorch-tabular/pytorch_tabular/issues/531
# error: RuntimeError: Attempting to deserialize object on a CUDA device but torch.cuda.is_available() is False. If you are running on a CPU-only machine, please use torch.load with map_location=torch.device('cpu') to map your storages to the CPU.
# pattern: torch-load-map-location
# shape: class, helper
# bug-lines: 35
# needs: torch, numpy, pandas
# cpu: no written where torch was not installed; not run
"""Batch scoring of a GPU-trained tabular MLP on a CPU-only inference box."""
import json
import os

import numpy as np
import pandas as pd
import torch
import torch.nn as nn


class CategoryEmbeddingMLP(nn.Module):
    def __init__(self, cardinalities, n_cont, emb_dim=8, hidden=128, n_out=1):
        super().__init__()
        self.embeddings = nn.ModuleList(nn.Embedding(c + 1, emb_dim) for c in cardinalities)
        in_dim = emb_dim * len(cardinalities) + n_cont
        self.mlp = nn.Sequential(
            nn.Linear(in_dim, hidden), nn.ReLU(), nn.Dropout(0.1), nn.Linear(hidden, n_out)
        )

    def forward(self, x_cat, x_cont):
        embs = [emb(x_cat[:, i]) for i, emb in enumerate(self.embeddings)]
        return self.mlp(torch.cat(embs + [x_cont], dim=1))


def _read_artifacts(model_dir):
    with open(os.path.join(model_dir, "config.json")) as fh:
        config = json.load(fh)
    state = torch.load(os.path.join(model_dir, "model.ckpt"))
    return config, state


class TabularScorer:
    def __init__(self, model_dir):
        self.device = torch.device("cuda" if torch.cuda.is_available() else "cpu")
        config, state = _read_artifacts(model_dir)
        self.cat_cols = config["cat_cols"]
        self.cont_cols = config["cont_cols"]
        self.model = CategoryEmbeddingMLP(config["cardinalities"], len(self.cont_cols))
        self.model.load_state_dict(state["state_dict"])
        self.model.to(self.device).eval()

    @torch.no_grad()
    def predict(self, df: pd.DataFrame, batch_size=4096):
        outs = []
        for start in range(0, len(df), batch_size):
            chunk = df.iloc[start : start + batch_size]
            x_cat = torch.as_tensor(chunk[self.cat_cols].to_numpy(np.int64), device=self.device)
            x_cont = torch.as_tensor(chunk[self.cont_cols].to_numpy(np.float32), device=self.device)
            outs.append(torch.sigmoid(self.model(x_cat, x_cont)).squeeze(-1).cpu())
        return torch.cat(outs).numpy()


if __name__ == "__main__":
    scorer = TabularScorer("artifacts/credit_risk_mlp")
    frame = pd.read_csv("applications_2024q4.csv")
    frame["risk_score"] = scorer.predict(frame)
    frame.to_csv("scored.csv", index=False)

# source: https://github.com/pytorch-tabular/pytorch_tabular/issues/37
# error: RuntimeError: Attempting to deserialize object on a CUDA device but torch.cuda.is_available() is False. If you are running on a CPU-only machine, please use torch.load with map_location=torch.device('cpu') to map your storages to the CPU.
# pattern: torch-load-map-location
# shape: class, helper
# bug-lines: 44
# needs: torch, pandas
# cpu: no written where torch was not installed; not run
import sys

import pandas as pd
import torch
from torch import nn


class CategoryEmbeddingMLP(nn.Module):
    def __init__(self, cardinalities, n_continuous, emb_dim=8, hidden=(128, 64), n_out=1):
        super().__init__()
        self.embeddings = nn.ModuleList([nn.Embedding(c, emb_dim) for c in cardinalities])
        layers, width = [], emb_dim * len(cardinalities) + n_continuous
        for h in hidden:
            layers += [nn.Linear(width, h), nn.ReLU(), nn.BatchNorm1d(h)]
            width = h
        layers.append(nn.Linear(width, n_out))
        self.mlp = nn.Sequential(*layers)

    def forward(self, x_cat, x_cont):
        emb = [e(x_cat[:, i]) for i, e in enumerate(self.embeddings)]
        return self.mlp(torch.cat(emb + [x_cont], dim=1))


class TabularModel:
    """Thin wrapper: trained on the GPU box, scored on a CPU-only batch server."""

    def __init__(self, config, network):
        self.config = config
        self.network = network

    def save_model(self, path):
        torch.save({"config": self.config, "state_dict": self.network.state_dict(),
                    "scaler": self.config["scaler"]}, path)

    @classmethod
    def load_from_checkpoint(cls, path):
        checkpoint = torch.load(path)
        cfg = checkpoint["config"]
        network = CategoryEmbeddingMLP(cfg["cardinalities"], len(cfg["continuous_cols"]))
        network.load_state_dict(checkpoint["state_dict"])
        network.eval()
        return cls(cfg, network)

    @torch.no_grad()
    def predict(self, df):
        cfg = self.config
        x_cat = torch.as_tensor(df[cfg["categorical_cols"]].values, dtype=torch.long)
        cont = (df[cfg["continuous_cols"]].values - cfg["scaler"]["mean"]) / cfg["scaler"]["std"]
        x_cont = torch.as_tensor(cont, dtype=torch.float32)
        return torch.sigmoid(self.network(x_cat, x_cont)).squeeze(1).numpy()


def score_file(model_path, csv_path, out_path):
    model = TabularModel.load_from_checkpoint(model_path)
    frame = pd.read_csv(csv_path)
    frame["score"] = model.predict(frame)
    frame.to_csv(out_path, index=False)


if __name__ == "__main__":
    score_file(sys.argv[1], sys.argv[2], sys.argv[3])

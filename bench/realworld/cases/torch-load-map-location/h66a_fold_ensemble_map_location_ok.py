# source: https://github.com/TorchEnsemble-Community/Ensemble-Pytorch/pull/155
# error: RuntimeError: Attempting to deserialize object on a CUDA device but torch.cuda.is_available() is False. If you are running on a CPU-only machine, please use torch.load with map_location=torch.device('cpu') to map your storages to the CPU.
# pattern: torch-load-map-location
# shape: helper, loader-loop
# looks-like: torch-load-map-location
# needs: torch, numpy, pandas
# cpu: no written where torch was not installed; not run
import glob

import numpy as np
import pandas as pd
import torch
import torch.nn as nn
from torch.utils.data import DataLoader, TensorDataset

DEVICE = torch.device("cuda" if torch.cuda.is_available() else "cpu")
LOAD_KWARGS = {"map_location": DEVICE}


class GRUHead(nn.Module):
    def __init__(self, n_features, hidden=128, n_targets=3):
        super().__init__()
        self.gru = nn.GRU(n_features, hidden, num_layers=2, batch_first=True, bidirectional=True)
        self.out = nn.Linear(2 * hidden, n_targets)

    def forward(self, x):
        seq, _ = self.gru(x)
        return self.out(seq)


def load_fold(path, n_features):
    checkpoint = torch.load(path, **LOAD_KWARGS)
    model = GRUHead(n_features, hidden=checkpoint["hidden"])
    model.load_state_dict(checkpoint["state_dict"])
    return model.to(DEVICE).eval()


def load_scaler_stats(path):
    stats = torch.load(path, map_location=lambda storage, loc: storage)
    return stats["mean"].to(DEVICE), stats["std"].to(DEVICE)


@torch.no_grad()
def predict(models, loader, mean, std):
    preds = []
    for (xb,) in loader:
        xb = (xb.to(DEVICE) - mean) / std
        preds.append(torch.stack([m(xb) for m in models]).mean(0).cpu().numpy())
    return np.concatenate(preds)


def main():
    test = np.load("input/ventilator-test/sequences.npy").astype(np.float32)
    loader = DataLoader(TensorDataset(torch.from_numpy(test)), batch_size=256)
    models = [load_fold(p, test.shape[-1]) for p in sorted(glob.glob("input/gru-folds/fold*.pt"))]
    mean, std = load_scaler_stats("input/gru-folds/feature_stats.pt")
    preds = predict(models, loader, mean, std)
    pd.DataFrame({"id": np.arange(preds.shape[0] * preds.shape[1]),
                  "pressure": preds[..., 0].reshape(-1)}).to_csv("submission.csv", index=False)


if __name__ == "__main__":
    main()

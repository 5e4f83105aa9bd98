# source: https://github.com/NVIDIA/DeepLearningExamples/issues/1393
# error: TypeError: can't convert cuda:0 device type tensor to numpy. Use Tensor.cpu() to copy the tensor to host memory first.
# pattern: numpy-of-device-tensor
# shape: helper, loader-loop, batch-dict
# looks-like: numpy-of-device-tensor
# needs: torch, numpy, pandas, sklearn
# cpu: no written where torch was not installed; not run
import pickle

import numpy as np
import pandas as pd
import torch
from torch.utils.data import DataLoader


def unscale(tensor, scalers, ids):
    """Map normalised per-customer predictions back to kW using the fitted scalers."""
    values = tensor.detach().cpu().numpy()
    out = np.empty_like(values)
    for row, cid in enumerate(ids):
        out[row] = scalers[cid].inverse_transform(values[row].reshape(-1, 1)).reshape(values[row].shape)
    return out


@torch.no_grad()
def predict(model, loader, scalers, device):
    model.eval()
    preds, targets, ids = [], [], []
    for batch in loader:
        batch = {k: v.to(device) if torch.is_tensor(v) else v for k, v in batch.items()}
        quantiles = model(batch)                         # (B, horizon, 3) on the GPU
        preds.append(unscale(quantiles[..., 1], scalers, batch["id"]))
        targets.append(unscale(batch["target"][:, -quantiles.shape[1]:, 0], scalers, batch["id"]))
        ids.extend(batch["id"])
    return np.concatenate(preds), np.concatenate(targets), ids


if __name__ == "__main__":
    device = torch.device("cuda")
    model = torch.jit.load("results/tft_electricity/model.pt", map_location=device)
    with open("data/processed/electricity_bin/tgt_scalers.bin", "rb") as f:
        scalers = pickle.load(f)
    test_set = torch.load("data/processed/electricity_bin/test.pt", map_location="cpu", weights_only=False)
    loader = DataLoader(test_set, batch_size=1024, shuffle=False)
    p50, actual, ids = predict(model, loader, scalers, device)
    df = pd.DataFrame({"id": np.repeat(ids, p50.shape[1]), "p50": p50.ravel(), "actual": actual.ravel()})
    print("P50 normalised deviation:", np.abs(df.p50 - df.actual).sum() / np.abs(df.actual).sum())
    df.to_csv("results/tft_electricity/predictions.csv", index=False)

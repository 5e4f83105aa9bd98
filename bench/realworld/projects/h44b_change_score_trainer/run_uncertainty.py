# source: https://github.com/SeldonIO/alibi-detect/issues/439
# error: RuntimeError: Expected all tensors to be on the same device, but found at least two devices, cpu and cuda:0! (when checking argument for argument mat1 in method wrapper_addmm)
# pattern: module-not-placed
# shape: multi-file, top-level
# bug-lines: 28, 29
# needs: torch, numpy
# cpu: no written where torch was not installed; not run
"""Trains the change-magnitude regressor on the 2019 tiles and then checks
whether MC-dropout uncertainty drifts on the 2023 tiles."""
import numpy as np
import torch
import torch.nn as nn
from torch.utils.data import DataLoader, TensorDataset

from model import build_change_regressor
from trainer import trainer

rng = np.random.default_rng(0)
n_bands = 12
X_2019 = rng.normal(size=(2000, 2 * n_bands)).astype(np.float32)
y_2019 = (np.abs(X_2019[:, :n_bands] - X_2019[:, n_bands:]).mean(1, keepdims=True)).astype(np.float32)
X_2023 = rng.normal(loc=0.3, size=(500, 2 * n_bands)).astype(np.float32)

device = torch.device("cuda" if torch.cuda.is_available() else "cpu")
train_dl = DataLoader(TensorDataset(torch.from_numpy(X_2019), torch.from_numpy(y_2019)),
                      batch_size=64, shuffle=True)

reg = build_change_regressor(2 * n_bands)
trainer(reg, nn.MSELoss(), train_dl, device, torch.optim.Adam, learning_rate=1e-3, epochs=30)


def mc_dropout_std(model, x, n_samples=20):
    model.train()
    with torch.no_grad():
        preds = torch.stack([model(x) for _ in range(n_samples)])
    return preds.std(0).squeeze(-1)


ref_unc = mc_dropout_std(reg, torch.from_numpy(X_2019[:500]).to(device))
new_unc = mc_dropout_std(reg, torch.from_numpy(X_2023).to(device))
print("uncertainty shift:", (new_unc.mean() - ref_unc.mean()).item())

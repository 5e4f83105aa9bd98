# source: https://github.com/WenjieDu/PyPOTS/issues/200
# error: RuntimeError: Expected all tensors to be on the same device, but found at least two devices, cuda:0 and cpu!
# pattern: cache-builder-cpu-default
# shape: multi-file, loader-loop, batch-dict
# needs: torch, numpy
# cpu: no written where torch was not installed; not run
import numpy as np
import torch
from torch.utils.data import DataLoader, TensorDataset

from model import GPVAE

device = torch.device("cuda" if torch.cuda.is_available() else "cpu")

raw = np.load("data/physionet_subset.npy").astype(np.float32)  # (N, T, F) with NaNs
mask = (~np.isnan(raw)).astype(np.float32)
values = np.nan_to_num(raw, nan=0.0)
loader = DataLoader(TensorDataset(torch.from_numpy(values), torch.from_numpy(mask)),
                    batch_size=64, shuffle=True)

model = GPVAE(n_features=raw.shape[2], time_length=raw.shape[1]).to(device)
optimizer = torch.optim.Adam(model.parameters(), lr=1e-3)

for epoch in range(30):
    total = 0.0
    for X, M in loader:
        batch = {"X": X.to(device), "missing_mask": M.to(device)}
        out = model(batch)
        optimizer.zero_grad()
        out["loss"].backward()
        optimizer.step()
        total += out["loss"].item()
    print(f"epoch {epoch}: loss {total / len(loader):.3f}")

torch.save(model.state_dict(), "gpvae.pt")

# source: https://github.com/DavidLandup0/deepvision/pull/31
# error: RuntimeError: Expected all tensors to be on the same device, but found at least two devices, cpu and cuda:0! (when checking argument for argument index in method wrapper_CUDA__index_select)
# pattern: tensor-created-without-device
# shape: multi-file, loader-loop, batch-dict
# looks-like: tensor-created-without-device
# needs: torch, numpy
# cpu: no written where torch was not installed; not run
"""python train.py parcels_2021.npz"""
import sys

import numpy as np
import torch
from torch.utils.data import DataLoader, TensorDataset

from model import ParcelSeasonEncoder


def make_loader(path, batch_size=64):
    d = np.load(path)
    ds = TensorDataset(
        torch.from_numpy(d["bands"].astype(np.float32)),   # (N, T, C) reflectance
        torch.from_numpy(d["doy"].astype(np.int64)),        # (N, T) acquisition day of year
        torch.from_numpy(d["yield"].astype(np.float32)),
    )
    return DataLoader(ds, batch_size=batch_size, shuffle=True, drop_last=True)


def main(path, start_month=3, epochs=15):
    device = torch.device("cuda" if torch.cuda.is_available() else "cpu")
    loader = make_loader(path)
    model = ParcelSeasonEncoder().to(device)
    opt = torch.optim.AdamW(model.parameters(), lr=5e-4, weight_decay=1e-2)
    for epoch in range(epochs):
        losses = []
        for bands, doy, target in loader:
            batch = {"bands": bands.to(device), "doy": doy.to(device), "target": target.to(device)}
            pred = model(batch["bands"], batch["doy"], start_month)
            loss = torch.nn.functional.mse_loss(pred, batch["target"])
            opt.zero_grad()
            loss.backward()
            opt.step()
            losses.append(loss.item())
        print(f"epoch {epoch}: mse {np.mean(losses):.4f}")


if __name__ == "__main__":
    main(sys.argv[1])

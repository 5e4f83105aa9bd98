# source: https://github.com/DanielAvdar/tabnet/pull/278
# error: RuntimeError: Expected all tensors to be on the same device, but found at least two devices, cuda:0 and cpu! (when checking argument for argument mat2 in method wrapper_CUDA_mm)
# pattern: tensor-attribute-not-buffer
# shape: multi-file, loader-loop, helper
# needs: torch, numpy, pandas
# cpu: no written where torch was not installed; not run
import numpy as np
import pandas as pd
import torch
from torch.utils.data import DataLoader, TensorDataset

from obfuscation import TabularPretrainer, create_group_matrix

FEATURE_GROUPS = [[0, 1, 2], [5, 6], [10, 11, 12, 13]]


def reconstruction_loss(recon, target, obf_vars, eps=1e-9):
    # only score the features that were hidden, normalised per feature
    err = (recon - target) * obf_vars
    batch_std = target.std(dim=0) ** 2
    batch_std = torch.where(batch_std == 0, target.mean(dim=0).abs() + eps, batch_std)
    per_feature = (err ** 2) / batch_std
    return (per_feature.sum(dim=1) / (obf_vars.sum(dim=1) + eps)).mean()


def pretrain(csv_path, epochs=50, batch_size=1024, device="cuda"):
    frame = pd.read_csv(csv_path)
    values = frame.select_dtypes(include=[np.number]).fillna(0.0).values.astype(np.float32)
    values = (values - values.mean(0)) / (values.std(0) + 1e-6)
    loader = DataLoader(TensorDataset(torch.from_numpy(values)), batch_size=batch_size, shuffle=True)

    group_matrix = create_group_matrix(FEATURE_GROUPS, values.shape[1])
    model = TabularPretrainer(values.shape[1], group_matrix).to(device)
    optim = torch.optim.Adam(model.parameters(), lr=2e-3)
    for epoch in range(epochs):
        total = 0.0
        for (x,) in loader:
            x = x.to(device)
            recon, obf_vars = model(x)
            loss = reconstruction_loss(recon, x, obf_vars)
            optim.zero_grad()
            loss.backward()
            optim.step()
            total += loss.item() * x.shape[0]
        print(f"epoch {epoch}: unsupervised loss {total / len(loader.dataset):.4f}")
    return model


if __name__ == "__main__":
    pretrain("data/credit_unlabeled.csv")

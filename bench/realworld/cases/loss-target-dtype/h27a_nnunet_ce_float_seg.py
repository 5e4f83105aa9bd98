# source: https://github.com/pytorch/pytorch/issues/103813
# error: RuntimeError: expected scalar type Long but found Float
# pattern: loss-target-dtype
# shape: batch-dict, loader-loop, helper
# bug-lines: 32, 55
# needs: torch, numpy
# cpu: no written where torch was not installed; not run
"""2D trainer on nnU-Net-style preprocessed cases (case_xxx.npz with 'data' and 'seg')."""
from pathlib import Path

import numpy as np
import torch
import torch.nn as nn
from torch.utils.data import DataLoader, Dataset


class PreprocessedSlices(Dataset):
    def __init__(self, folder, patch=256):
        self.files = sorted(Path(folder).glob("*.npz"))
        self.patch = patch

    def __len__(self):
        return len(self.files)

    def __getitem__(self, i):
        arr = np.load(self.files[i])
        data, seg = arr["data"], arr["seg"]          # (C, Z, Y, X) float32, (1, Z, Y, X) float32
        z = np.random.randint(data.shape[1])
        img = data[:, z, : self.patch, : self.patch]
        lbl = seg[0, z, : self.patch, : self.patch]
        lbl[lbl < 0] = 0                              # nnU-Net marks outside-of-body voxels with -1
        return {"data": torch.from_numpy(img.copy()), "target": torch.from_numpy(lbl.copy())}


def build_network(in_ch, n_classes):
    return nn.Sequential(
        nn.Conv2d(in_ch, 32, 3, padding=1), nn.InstanceNorm2d(32), nn.LeakyReLU(0.01),
        nn.Conv2d(32, 64, 3, padding=1), nn.InstanceNorm2d(64), nn.LeakyReLU(0.01),
        nn.Conv2d(64, n_classes, 1),
    )


def run_training(folder, n_classes=59, epochs=50):
    device = torch.device("cuda" if torch.cuda.is_available() else "cpu")
    loader = DataLoader(PreprocessedSlices(folder), batch_size=4, shuffle=True, num_workers=2)
    net = build_network(in_ch=1, n_classes=n_classes).to(device)
    optim = torch.optim.SGD(net.parameters(), lr=1e-2, momentum=0.99, nesterov=True)
    ce = nn.CrossEntropyLoss()
    for epoch in range(epochs):
        for batch in loader:
            data = batch["data"].to(device)
            target = batch["target"].to(device)
            optim.zero_grad()
            output = net(data)
            loss = ce(output, target)
            loss.backward()
            optim.step()
        print(f"epoch {epoch} loss {loss.item():.4f}")


if __name__ == "__main__":
    run_training("nnUNet_preprocessed/Dataset059_Organs/nnUNetPlans_2d")

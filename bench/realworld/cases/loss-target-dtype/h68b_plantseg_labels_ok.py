# source: https://github.com/wolny/pytorch-3dunet/issues/55
# error: RuntimeError: expected scalar type Long but found Int
# pattern: loss-target-dtype
# shape: class, loader-loop
# looks-like: loss-target-dtype
# needs: torch, numpy, h5py
# cpu: no written where torch was not installed; not run
"""Train a 3D network to segment ovule tissue classes from confocal stacks (HDF5 input)."""
import h5py
import numpy as np
import torch
import torch.nn as nn
from torch.utils.data import DataLoader, Dataset


class H5PatchDataset(Dataset):
    def __init__(self, path, patch=(32, 64, 64), stride=(16, 32, 32)):
        with h5py.File(path, "r") as f:
            self.raw = f["raw"][...].astype(np.float32)
            # np.long / 'long' maps to int32 on Windows; be explicit about int64
            self.label = f["label"][...].astype(np.int64)
        self.patch = patch
        self.origins = [(z, y, x)
                        for z in range(0, self.raw.shape[0] - patch[0] + 1, stride[0])
                        for y in range(0, self.raw.shape[1] - patch[1] + 1, stride[1])
                        for x in range(0, self.raw.shape[2] - patch[2] + 1, stride[2])]

    def __len__(self):
        return len(self.origins)

    def __getitem__(self, i):
        z, y, x = self.origins[i]
        d, h, w = self.patch
        raw = self.raw[z:z + d, y:y + h, x:x + w]
        lbl = self.label[z:z + d, y:y + h, x:x + w]
        raw = (raw - raw.mean()) / (raw.std() + 1e-6)
        return torch.from_numpy(raw[None].copy()), torch.from_numpy(lbl.copy())


def main():
    device = torch.device("cuda" if torch.cuda.is_available() else "cpu")
    loader = DataLoader(H5PatchDataset("ovules_train.h5"), batch_size=2, shuffle=True)
    net = nn.Sequential(nn.Conv3d(1, 16, 3, padding=1), nn.ReLU(),
                        nn.Conv3d(16, 4, 1)).to(device)
    criterion = nn.CrossEntropyLoss()
    opt = torch.optim.Adam(net.parameters(), lr=2e-4)
    for epoch in range(5):
        for raw, lbl in loader:
            raw, lbl = raw.to(device), lbl.to(device)
            loss = criterion(net(raw), lbl)
            opt.zero_grad()
            loss.backward()
            opt.step()
        print(epoch, loss.item())


if __name__ == "__main__":
    main()

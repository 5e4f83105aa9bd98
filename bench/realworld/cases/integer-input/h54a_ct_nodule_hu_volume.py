# source: https://github.com/pytorch/pytorch/issues/55290
# error: RuntimeError: expected scalar type Long but found Float
# pattern: integer-input
# shape: batch-dict, loader-loop
# bug-lines: 35, 65
# needs: torch, numpy, nibabel
# cpu: no written where torch was not installed; not run
"""Nodule malignancy classifier on cropped CT cubes (HU values)."""
import glob
import os

import nibabel as nib
import numpy as np
import torch
import torch.nn as nn
from torch.utils.data import DataLoader, Dataset


class NoduleCubes(Dataset):
    def __init__(self, root, labels_csv):
        self.paths = sorted(glob.glob(os.path.join(root, "*.nii.gz")))
        rows = [l.strip().split(",") for l in open(labels_csv) if l.strip()]
        self.labels = {r[0]: int(r[1]) for r in rows}

    def __len__(self):
        return len(self.paths)

    def __getitem__(self, idx):
        path = self.paths[idx]
        img = nib.load(path)
        raw = np.asarray(img.dataobj)
        slope, inter = img.dataobj.slope, img.dataobj.inter
        hu = np.rint(raw * slope + inter).astype(np.int64)
        hu = np.clip(hu, -1000, 400)
        volume = torch.from_numpy(hu)
        key = os.path.basename(path).split(".")[0]
        return {"volume": volume, "label": torch.tensor(self.labels[key])}


class Cube3DNet(nn.Module):
    def __init__(self, n_classes=2):
        super().__init__()
        def block(cin, cout):
            return nn.Sequential(nn.Conv3d(cin, cout, 3, padding=1), nn.BatchNorm3d(cout),
                                 nn.ReLU(inplace=True), nn.MaxPool3d(2))
        self.features = nn.Sequential(block(1, 16), block(16, 32), block(32, 64))
        self.head = nn.Sequential(nn.AdaptiveAvgPool3d(1), nn.Flatten(), nn.Linear(64, n_classes))

    def forward(self, x):
        return self.head(self.features(x))


def train(root, labels_csv, epochs=20):
    device = torch.device("cuda" if torch.cuda.is_available() else "cpu")
    loader = DataLoader(NoduleCubes(root, labels_csv), batch_size=8, shuffle=True, num_workers=4)
    model = Cube3DNet().to(device)
    opt = torch.optim.AdamW(model.parameters(), lr=3e-4)
    loss_fn = nn.CrossEntropyLoss()
    for epoch in range(epochs):
        model.train()
        total = 0.0
        for batch in loader:
            x = batch["volume"].unsqueeze(1).to(device)
            y = batch["label"].to(device)
            logits = model(x)
            loss = loss_fn(logits, y)
            opt.zero_grad()
            loss.backward()
            opt.step()
            total += loss.item()
        print(f"epoch {epoch}: loss {total / len(loader):.4f}")


if __name__ == "__main__":
    train("data/nodule_cubes", "data/labels.csv")

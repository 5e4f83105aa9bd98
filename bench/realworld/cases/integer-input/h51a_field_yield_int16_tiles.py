# source: https://github.com/pytorch/vision/issues/317
# error: RuntimeError: Input type (torch.cuda.IntTensor) and weight type (torch.cuda.FloatTensor) should be the same
# pattern: integer-input
# shape: class, loader-loop, batch-dict
# bug-lines: 33, 55
# needs: torch, numpy, torchvision
# cpu: no written where torch was not installed; not run
"""Field-level wheat yield from 16-bit multispectral drone/satellite tiles."""
import glob
import os

import numpy as np
import torch
from torch import nn
from torch.utils.data import DataLoader, Dataset
from torchvision.models import resnet18


class FieldTiles(Dataset):
    """Each sample: a (C, H, W) uint16 reflectance tile saved as .npy and a yield label."""

    def __init__(self, root, labels_csv):
        self.paths = sorted(glob.glob(os.path.join(root, "*.npy")))
        table = np.genfromtxt(labels_csv, delimiter=",", names=True, dtype=None, encoding="utf-8")
        self.yields = {row["field_id"]: float(row["yield_t_ha"]) for row in table}

    def __len__(self):
        return len(self.paths)

    def __getitem__(self, i):
        tile = np.load(self.paths[i])
        # torch has no uint16 ops, so widen before handing it to torch
        image = torch.from_numpy(tile.astype(np.int32))
        field_id = os.path.basename(self.paths[i])[:-4]
        return {"image": image, "yield": torch.tensor(self.yields[field_id], dtype=torch.float32)}


def build_model(n_bands):
    net = resnet18(weights=None)
    net.conv1 = nn.Conv2d(n_bands, 64, kernel_size=7, stride=2, padding=3, bias=False)
    net.fc = nn.Linear(net.fc.in_features, 1)
    return net


def main(root="tiles/2023", labels="yield_2023.csv", epochs=30):
    device = torch.device("cuda" if torch.cuda.is_available() else "cpu")
    ds = FieldTiles(root, labels)
    loader = DataLoader(ds, batch_size=16, shuffle=True, num_workers=4)
    model = build_model(n_bands=ds[0]["image"].shape[0]).to(device)
    opt = torch.optim.Adam(model.parameters(), lr=1e-4)
    for epoch in range(epochs):
        for batch in loader:
            images = batch["image"].to(device, non_blocking=True)
            target = batch["yield"].to(device, non_blocking=True)
            pred = model(images).squeeze(1)
            loss = nn.functional.smooth_l1_loss(pred, target)
            opt.zero_grad()
            loss.backward()
            opt.step()
        print(epoch, loss.item())


if __name__ == "__main__":
    main()

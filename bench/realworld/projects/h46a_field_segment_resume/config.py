# source: https://github.com/orsic/swiftnet/issues/29
# error: RuntimeError: Expected all tensors to be on the same device, but found at least two devices, cuda:0 and cpu!
# pattern: optimizer-state-before-placement
# shape: multi-file, top-level
# bug-lines: 35
# needs: torch
# cpu: no written where torch was not installed; not run
import os

import torch
from torch.utils.data import DataLoader, Dataset

from model import FieldSegNet

epochs = 60
batch_size = 8
lr = 4e-4
resume_dir = os.environ.get("RESUME_DIR")  # e.g. saves/2024_05_01_field_rn/stored


class UAVTiles(Dataset):
    def __len__(self):
        return 64

    def __getitem__(self, i):
        return {"image": torch.randn(3, 256, 256), "labels": torch.randint(0, 5, (256, 256))}


model = FieldSegNet()
optimizer = torch.optim.Adam(model.parameters(), lr=lr, weight_decay=1e-4)
start_epoch = 0
if resume_dir:
    model.load_state_dict(torch.load(os.path.join(resume_dir, "model.pt"), map_location="cpu"))
    ckpt = torch.load(os.path.join(resume_dir, "optimizer.pt"), map_location="cpu")
    optimizer.load_state_dict(ckpt["state"])
    start_epoch = ckpt["epoch"] + 1
lr_scheduler = torch.optim.lr_scheduler.CosineAnnealingLR(optimizer, epochs)
loader_train = DataLoader(UAVTiles(), batch_size=batch_size, shuffle=True, num_workers=2)

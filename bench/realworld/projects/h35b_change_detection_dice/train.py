# source: https://github.com/likyoo/Siam-NestedUNet/issues/40
# error: RuntimeError: indices should be either on cpu or on the same device as the indexed tensor (cpu)
# pattern: tensor-created-without-device
# shape: multi-file, helper, loader-loop
# needs: torch
# cpu: no written where torch was not installed; not run
import logging

import torch
import torch.nn as nn
from torch.utils.data import DataLoader, TensorDataset

from losses import hybrid_loss

logging.basicConfig(level=logging.INFO)
dev = torch.device("cuda" if torch.cuda.is_available() else "cpu")


class TinySiamChangeNet(nn.Module):
    """Stand-in for SNUNet-CD: shared encoder on both dates, diff head with two outputs."""

    def __init__(self, in_ch=3, n_classes=2):
        super().__init__()
        self.enc = nn.Sequential(nn.Conv2d(in_ch, 32, 3, padding=1), nn.ReLU(), nn.Conv2d(32, 32, 3, padding=1))
        self.head_a = nn.Conv2d(64, n_classes, 1)
        self.head_b = nn.Conv2d(64, n_classes, 1)

    def forward(self, t1, t2):
        f = torch.cat([self.enc(t1), self.enc(t2)], dim=1)
        return [self.head_a(f), self.head_b(f)]


def make_loader(n=32, size=64):
    t1 = torch.rand(n, 3, size, size)
    t2 = torch.rand(n, 3, size, size)
    labels = torch.randint(0, 2, (n, 1, size, size))
    return DataLoader(TensorDataset(t1, t2, labels), batch_size=8, shuffle=True)


model = TinySiamChangeNet().to(dev)
optimizer = torch.optim.AdamW(model.parameters(), lr=1e-3)
criterion = hybrid_loss
train_loader = make_loader()

logging.info("STARTING training")
for epoch in range(5):
    model.train()
    for batch_img1, batch_img2, labels in train_loader:
        batch_img1 = batch_img1.float().to(dev)
        batch_img2 = batch_img2.float().to(dev)
        labels = labels.long().to(dev)
        optimizer.zero_grad()
        cd_preds = model(batch_img1, batch_img2)
        cd_loss = criterion(cd_preds, labels)
        cd_loss.backward()
        optimizer.step()
    logging.info("epoch %d loss %.4f", epoch, cd_loss.item())

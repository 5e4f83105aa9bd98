# source: https://github.com/xuebinqin/U-2-Net/issues/25
# error: RuntimeError: Found dtype Long but expected Float
# pattern: loss-target-dtype
# shape: helper, loader-loop, batch-dict
# bug-lines: 38, 45
# needs: torch, numpy, Pillow
# cpu: no written where torch was not installed; not run
import glob
import os

import numpy as np
import torch
import torch.nn as nn
from PIL import Image
from torch.utils.data import DataLoader, Dataset

from u2net import U2NETP

bce_loss = nn.BCELoss(reduction="mean")


class SalObjDataset(Dataset):
    def __init__(self, image_dir, mask_dir, size=320):
        self.images = sorted(glob.glob(os.path.join(image_dir, "*.jpg")))
        self.mask_dir = mask_dir
        self.size = size

    def __len__(self):
        return len(self.images)

    def __getitem__(self, idx):
        path = self.images[idx]
        name = os.path.splitext(os.path.basename(path))[0]
        image = Image.open(path).convert("RGB").resize((self.size, self.size))
        mask = Image.open(os.path.join(self.mask_dir, name + ".png")).convert("L")
        mask = mask.resize((self.size, self.size), Image.NEAREST)
        image = torch.from_numpy(np.asarray(image, dtype=np.float32) / 255.0).permute(2, 0, 1)
        binary = (np.asarray(mask) > 127).astype(np.int64)
        return {"image": image, "label": torch.from_numpy(binary).unsqueeze(0)}


def muti_bce_loss_fusion(side_outputs, labels_v):
    losses = []
    for d in side_outputs:
        losses.append(bce_loss(d, labels_v))
    return losses[0], sum(losses)


def train(epochs=100, batch_size=12):
    device = torch.device("cuda" if torch.cuda.is_available() else "cpu")
    dataset = SalObjDataset("train_data/DUTS-TR/im", "train_data/DUTS-TR/gt")
    loader = DataLoader(dataset, batch_size=batch_size, shuffle=True, num_workers=4)
    net = U2NETP(3, 1).to(device)
    optimizer = torch.optim.Adam(net.parameters(), lr=1e-3, betas=(0.9, 0.999), eps=1e-8)

    for epoch in range(epochs):
        running = 0.0
        for step, batch in enumerate(loader):
            inputs_v = batch["image"].to(device)
            labels_v = batch["label"].to(device)
            optimizer.zero_grad()
            d0, d1, d2, d3, d4, d5, d6 = net(inputs_v)
            loss0, loss = muti_bce_loss_fusion([d0, d1, d2, d3, d4, d5, d6], labels_v)
            loss.backward()
            optimizer.step()
            running += loss.item()
        print(f"epoch {epoch}: loss {running / max(step + 1, 1):.4f}")
        torch.save(net.state_dict(), f"saved_models/u2netp_epoch{epoch}.pth")


if __name__ == "__main__":
    train()

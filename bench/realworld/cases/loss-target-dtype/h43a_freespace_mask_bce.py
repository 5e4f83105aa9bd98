# source: https://github.com/rollthecloudinc/hedge/issues/308
# error: RuntimeError: result type Float can't be cast to the desired output type Byte
# pattern: loss-target-dtype
# shape: helper, loader-loop
# bug-lines: 25, 49, 58
# needs: torch, numpy, pillow
# cpu: no written where torch was not installed; not run
"""Train a small UNet to segment free space from binary mask PNGs."""
import glob
import os

import numpy as np
import torch
import torch.nn as nn
from PIL import Image
from torch.utils.data import DataLoader, TensorDataset, random_split


def load_pairs(root, size=(256, 256)):
    images, masks = [], []
    for path in sorted(glob.glob(os.path.join(root, "images", "*.png"))):
        img = Image.open(path).convert("RGB").resize(size)
        msk = Image.open(path.replace("images", "masks")).convert("L").resize(size, Image.NEAREST)
        images.append(torch.from_numpy(np.asarray(img)).permute(2, 0, 1).float() / 255.0)
        masks.append(torch.from_numpy(np.asarray(msk) > 127).to(torch.uint8).unsqueeze(0))
    return torch.stack(images), torch.stack(masks)


class BasicUNet(nn.Module):
    def __init__(self, ch=16):
        super().__init__()
        self.down = nn.Sequential(nn.Conv2d(3, ch, 3, padding=1), nn.ReLU(), nn.MaxPool2d(2))
        self.mid = nn.Sequential(nn.Conv2d(ch, ch * 2, 3, padding=1), nn.ReLU())
        self.up = nn.Sequential(nn.Upsample(scale_factor=2), nn.Conv2d(ch * 2, 1, 3, padding=1))

    def forward(self, x):
        return self.up(self.mid(self.down(x)))


def train_model(model, train_loader, val_loader, epochs, criterion, optimizer, device):
    model.to(device)
    for epoch in range(epochs):
        model.train()
        running = 0.0
        for images, masks in train_loader:
            images, masks = images.to(device), masks.to(device)
            optimizer.zero_grad()
            outputs = model(images)
            loss = criterion(outputs, masks)
            loss.backward()
            optimizer.step()
            running += loss.item()
        model.eval()
        val_loss = 0.0
        with torch.no_grad():
            for images, masks in val_loader:
                outputs = model(images.to(device))
                val_loss += criterion(outputs, masks.to(device)).item()
        print(f"epoch {epoch + 1}: train {running / len(train_loader):.4f} val {val_loss / len(val_loader):.4f}")
    return model


if __name__ == "__main__":
    images, masks = load_pairs("freespace_data")
    data = TensorDataset(images, masks)
    n_val = max(1, len(data) // 10)
    train_set, val_set = random_split(data, [len(data) - n_val, n_val])
    device = torch.device("cuda" if torch.cuda.is_available() else "cpu")
    model = BasicUNet()
    optimizer = torch.optim.Adam(model.parameters(), lr=1e-3)
    model = train_model(model, DataLoader(train_set, batch_size=8, shuffle=True),
                        DataLoader(val_set, batch_size=8), 10, nn.BCEWithLogitsLoss(), optimizer, device)
    torch.save(model.state_dict(), "basic_unet_freespace.pth")

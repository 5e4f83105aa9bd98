# source: https://github.com/pytorch/pytorch/issues/1258
# error: RuntimeError: expected scalar type Long but found Float
# pattern: loss-target-dtype
# shape: class, loader-loop, batch-dict
# bug-lines: 40, 70
# needs: torch, torchvision, pandas, PIL
# cpu: no written where torch was not installed; not run
"""Segmentation-free ANPR: one classifier head per plate character position."""
import os

import pandas as pd
import torch
import torch.nn as nn
from PIL import Image
from torch.utils.data import DataLoader, Dataset
from torchvision import models, transforms

CHARSET = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ"
PLATE_LEN = 7


class PlateCrops(Dataset):
    """labels.csv: filename,c0,c1,...,c6 (character indices into CHARSET)."""

    def __init__(self, root, csv_name="labels.csv"):
        self.root = root
        self.table = pd.read_csv(os.path.join(root, csv_name))
        self.tf = transforms.Compose([
            transforms.Resize((64, 192)),
            transforms.ColorJitter(0.3, 0.3, 0.3),
            transforms.ToTensor(),
        ])

    def __len__(self):
        return len(self.table)

    def __getitem__(self, idx):
        row = self.table.iloc[idx]
        image = Image.open(os.path.join(self.root, row["filename"])).convert("RGB")
        chars = torch.from_numpy(row.iloc[1:].to_numpy(dtype="float32"))
        return {"image": self.tf(image), "chars": chars}


class PlateReader(nn.Module):
    def __init__(self, n_chars=len(CHARSET), plate_len=PLATE_LEN):
        super().__init__()
        backbone = models.resnet18(weights="IMAGENET1K_V1")
        backbone.fc = nn.Identity()
        self.backbone = backbone
        self.heads = nn.ModuleList([nn.Linear(512, n_chars) for _ in range(plate_len)])

    def forward(self, x):
        feat = self.backbone(x)
        return torch.stack([head(feat) for head in self.heads], dim=1)


def train(root="data/plates", epochs=30):
    device = torch.device("cuda" if torch.cuda.is_available() else "cpu")
    loader = DataLoader(PlateCrops(root), batch_size=64, shuffle=True, num_workers=4)
    model = PlateReader().to(device)
    criterion = nn.CrossEntropyLoss()
    optimizer = torch.optim.AdamW(model.parameters(), lr=3e-4, weight_decay=1e-4)

    for epoch in range(epochs):
        running = 0.0
        for batch in loader:
            images = batch["image"].to(device)
            chars = batch["chars"].to(device)
            logits = model(images)
            loss = sum(criterion(logits[:, pos], chars[:, pos]) for pos in range(PLATE_LEN))
            optimizer.zero_grad()
            loss.backward()
            optimizer.step()
            running += loss.item()
        print(f"epoch {epoch}: loss {running / len(loader):.4f}")
    torch.save(model.state_dict(), "plate_reader.pth")


if __name__ == "__main__":
    train()

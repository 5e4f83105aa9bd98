# source: https://github.com/yhlleo/DeepSegmentor/issues/9
# error: RuntimeError: output with device cuda:0 and dtype Long doesn't match the desired device cuda:0 and dtype Float
# pattern: loss-target-dtype
# shape: class, batch-dict, loader-loop
# bug-lines: 33, 43
# needs: torch, numpy, opencv-python
# cpu: no written where torch was not installed; not run
"""Deeply-supervised crack segmentation: every side output gets a focal BCE term."""
import glob
import os

import cv2
import numpy as np
import torch
import torch.nn as nn
from torch.utils.data import DataLoader, Dataset


class CrackDataset(Dataset):
    def __init__(self, root, size=256):
        self.images = sorted(glob.glob(os.path.join(root, "img", "*.jpg")))
        self.size = size

    def __len__(self):
        return len(self.images)

    def __getitem__(self, idx):
        img = cv2.resize(cv2.imread(self.images[idx]), (self.size, self.size))
        lab = cv2.imread(self.images[idx].replace("img", "lab").replace(".jpg", ".png"), 0)
        lab = cv2.resize(lab, (self.size, self.size), interpolation=cv2.INTER_NEAREST)
        _, lab = cv2.threshold(lab, 127, 1, cv2.THRESH_BINARY)
        img = torch.from_numpy(img.transpose(2, 0, 1).astype(np.float32) / 255.0)
        return {"image": img, "label": torch.from_numpy(lab).long().unsqueeze(0)}


class BinaryFocalLoss(nn.Module):
    def __init__(self, alpha=1.0, gamma=2.0):
        super().__init__()
        self.alpha, self.gamma = alpha, gamma
        self.bce = nn.BCEWithLogitsLoss(reduction="none")

    def forward(self, logits, targets):
        bce = self.bce(logits, targets)
        pt = torch.exp(-bce)
        return (self.alpha * (1 - pt) ** self.gamma * bce).mean()


class CrackSegModel:
    def __init__(self, net, device, side_weights=(0.5, 0.75, 1.0, 0.75, 0.5)):
        self.device = device
        self.net = net.to(device)
        self.criterion = BinaryFocalLoss()
        self.side_weights = side_weights
        self.optimizer = torch.optim.SGD(self.net.parameters(), lr=1e-4, momentum=0.9)

    def set_input(self, batch):
        self.image = batch["image"].to(self.device)
        self.label = batch["label"].to(self.device)

    def optimize(self):
        outputs = self.net(self.image)
        loss_side = sum(self.criterion(out, self.label) * w
                        for out, w in zip(outputs[:-1], self.side_weights))
        loss = loss_side + self.criterion(outputs[-1], self.label)
        self.optimizer.zero_grad()
        loss.backward()
        self.optimizer.step()
        return loss.item()


def train(net, root, epochs=50):
    device = torch.device("cuda" if torch.cuda.is_available() else "cpu")
    model = CrackSegModel(net, device)
    loader = DataLoader(CrackDataset(root), batch_size=4, shuffle=True, num_workers=2)
    for epoch in range(epochs):
        for batch in loader:
            model.set_input(batch)
            loss = model.optimize()
        print(f"epoch {epoch}: loss {loss:.4f}")

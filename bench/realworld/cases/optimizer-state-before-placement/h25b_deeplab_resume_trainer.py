# source: https://github.com/jwyang/faster-rcnn.pytorch/pull/327 https://github.com/jwyang/faster-rcnn.pytorch/pull/515
# error: RuntimeError: Expected all tensors to be on the same device, but found at least two devices, cpu and cuda:0!
# pattern: optimizer-state-before-placement
# shape: class, loader-loop
# bug-lines: 26, 33
# needs: torch, torchvision
# cpu: no written where torch was not installed; not run
"""Semantic segmentation trainer (DeepLabV3 / Pascal VOC) with checkpoint resume."""
import os

import torch
from torch import nn
from torch.utils.data import DataLoader
from torchvision.models.segmentation import deeplabv3_resnet50


class SegTrainer:
    def __init__(self, train_set, num_classes=21, lr=0.01, batch_size=8, resume=None, out_dir="runs/voc"):
        self.device = torch.device("cuda" if torch.cuda.is_available() else "cpu")
        self.out_dir = out_dir
        self.model = deeplabv3_resnet50(weights=None, weights_backbone=None, num_classes=num_classes)
        self.optimizer = torch.optim.SGD(self.model.parameters(), lr=lr, momentum=0.9, weight_decay=1e-4)
        self.start_epoch = 0
        if resume is not None:
            self.load_checkpoint(resume)
        self.model.to(self.device)
        self.criterion = nn.CrossEntropyLoss(ignore_index=255)
        self.loader = DataLoader(train_set, batch_size=batch_size, shuffle=True, num_workers=4, drop_last=True)

    def load_checkpoint(self, path):
        ckpt = torch.load(path, map_location="cpu")
        self.model.load_state_dict(ckpt["model"])
        self.optimizer.load_state_dict(ckpt["optimizer"])
        self.start_epoch = ckpt["epoch"] + 1
        print(f"resumed from {path} at epoch {self.start_epoch}")

    def save_checkpoint(self, epoch):
        os.makedirs(self.out_dir, exist_ok=True)
        torch.save({"model": self.model.state_dict(), "optimizer": self.optimizer.state_dict(), "epoch": epoch},
                   os.path.join(self.out_dir, "last.pth"))

    def train_epoch(self, epoch):
        self.model.train()
        running = 0.0
        for step, (images, masks) in enumerate(self.loader):
            images = images.to(self.device)
            masks = masks.to(self.device).long()
            logits = self.model(images)["out"]
            loss = self.criterion(logits, masks)
            self.optimizer.zero_grad()
            loss.backward()
            self.optimizer.step()
            running += loss.item()
            if step % 50 == 0:
                print(f"epoch {epoch} step {step} loss {running / (step + 1):.4f}")

    def fit(self, epochs):
        for epoch in range(self.start_epoch, epochs):
            self.train_epoch(epoch)
            self.save_checkpoint(epoch)

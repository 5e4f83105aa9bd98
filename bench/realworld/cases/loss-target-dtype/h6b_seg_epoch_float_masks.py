# source: https://github.com/qubvel-org/segmentation_models.pytorch/issues/466
# error: RuntimeError: expected scalar type Long but found Float (older torch: Expected object of scalar type Long but got scalar type Float for argument #2 'target')
# pattern: loss-target-dtype
# shape: class, loader-loop
# bug-lines: 37, 63
# needs: torch, numpy, opencv-python, segmentation-models-pytorch
# cpu: no written where torch was not installed; not run
"""Multi-class road-scene segmentation with a U-Net and a small epoch runner."""
import os

import cv2
import numpy as np
import segmentation_models_pytorch as smp
import torch
from torch.utils.data import DataLoader, Dataset

CLASSES = ["sky", "building", "pole", "road", "pavement", "tree", "car", "background"]


class CamVidDataset(Dataset):
    def __init__(self, images_dir, masks_dir, size=(384, 480)):
        self.ids = sorted(os.listdir(images_dir))
        self.images = [os.path.join(images_dir, i) for i in self.ids]
        self.masks = [os.path.join(masks_dir, i) for i in self.ids]
        self.size = size

    def __len__(self):
        return len(self.ids)

    def __getitem__(self, i):
        image = cv2.cvtColor(cv2.imread(self.images[i]), cv2.COLOR_BGR2RGB)
        image = cv2.resize(image, self.size[::-1]).astype("float32") / 255.0
        mask = cv2.imread(self.masks[i], 0)
        mask = cv2.resize(mask, self.size[::-1], interpolation=cv2.INTER_NEAREST)
        mask[mask >= len(CLASSES) - 1] = len(CLASSES) - 1
        image = torch.from_numpy(image.transpose(2, 0, 1))
        target = torch.from_numpy(mask.astype("float32"))
        return image, target


class TrainEpoch:
    def __init__(self, model, loss, optimizer, device="cuda", verbose=True):
        self.model = model.to(device)
        self.loss = loss
        self.optimizer = optimizer
        self.device = device
        self.verbose = verbose

    def run(self, loader):
        self.model.train()
        total = 0.0
        for i, (x, y) in enumerate(loader):
            x, y = x.to(self.device), y.to(self.device)
            loss, _ = self.batch_update(x, y)
            total += loss.item()
            if self.verbose and i % 20 == 0:
                print(f"batch {i}: loss {total / (i + 1):.4f}")
        return total / max(len(loader), 1)

    def batch_update(self, x, y):
        self.optimizer.zero_grad()
        prediction = self.model.forward(x)
        loss = self.loss(prediction, y)
        loss.backward()
        self.optimizer.step()
        return loss, prediction


if __name__ == "__main__":
    model = smp.Unet("resnet34", encoder_weights="imagenet", classes=len(CLASSES))
    loader = DataLoader(CamVidDataset("CamVid/train", "CamVid/trainannot"),
                        batch_size=8, shuffle=True, num_workers=4)
    runner = TrainEpoch(model, torch.nn.CrossEntropyLoss(),
                        torch.optim.Adam(model.parameters(), lr=1e-4))
    for epoch in range(40):
        print(f"epoch {epoch}: mean loss {runner.run(loader):.4f}")

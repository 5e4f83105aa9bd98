# source: https://github.com/GunhoChoi/Grad-CAM-Pytorch/issues/1
# error: RuntimeError: Input type (torch.cuda.DoubleTensor) and weight type (torch.cuda.FloatTensor) should be the same
# pattern: float64-input
# shape: class, loader-loop, batch-dict
# bug-lines: 39, 47
# needs: torch, torchvision, numpy, pillow
# cpu: no written where torch was not installed; not run
"""Fine-tune VGG16 on a folder dataset before running guided backprop / Grad-CAM on it."""
import glob
import os

import numpy as np
import torch
import torch.nn as nn
from PIL import Image
from torch.utils.data import DataLoader, Dataset
from torchvision import models

MEAN = np.array([0.485, 0.456, 0.406])
STD = np.array([0.229, 0.224, 0.225])


class FolderDataset(Dataset):
    """root/<class_name>/*.jpg -> (CHW image, class index)"""

    def __init__(self, root, size=224):
        self.classes = sorted(os.listdir(root))
        self.samples = [(p, i) for i, c in enumerate(self.classes)
                        for p in sorted(glob.glob(os.path.join(root, c, "*.jpg")))]
        self.size = size

    def __len__(self):
        return len(self.samples)

    def __getitem__(self, idx):
        path, label = self.samples[idx]
        img = Image.open(path).convert("RGB").resize((self.size, self.size))
        img = (np.asarray(img) / 255.0 - MEAN) / STD
        return torch.from_numpy(img.transpose(2, 0, 1).copy()), label


def train_one_epoch(model, loader, optimizer, criterion, device):
    model.train()
    for step, batch in enumerate(loader):
        x, y = batch[0].to(device), batch[1].to(device)
        optimizer.zero_grad()
        loss = criterion(model(x), y)
        loss.backward()
        optimizer.step()
        if step % 20 == 0:
            print(f"step {step:4d}  loss {loss.item():.4f}")


if __name__ == "__main__":
    device = torch.device("cuda" if torch.cuda.is_available() else "cpu")
    dataset = FolderDataset("data/train")
    loader = DataLoader(dataset, batch_size=32, shuffle=True, num_workers=4)

    model = models.vgg16(weights="IMAGENET1K_V1")
    for p in model.features.parameters():
        p.requires_grad = False
    model.classifier[6] = nn.Linear(4096, len(dataset.classes))
    model = model.to(device)

    optimizer = torch.optim.SGD(model.classifier.parameters(), lr=1e-3, momentum=0.9)
    criterion = nn.CrossEntropyLoss()
    for epoch in range(5):
        train_one_epoch(model, loader, optimizer, criterion, device)
    torch.save(model.state_dict(), "vgg16_finetuned.pth")

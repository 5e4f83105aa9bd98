# source: https://github.com/pytorch/pytorch/issues/12432
# error: RuntimeError: Expected all tensors to be on the same device, but found at least two devices, cuda:0 and cpu! (when checking argument for argument weight in method wrapper_CUDA_nll_loss_forward)
# pattern: legacy-tensor-constructor
# shape: helper, loader-loop
# bug-lines: 24
# needs: torch, torchvision, pandas, numpy
# cpu: no written where torch was not installed; not run
"""Kaggle plant-seedlings baseline: imbalanced classes -> weighted cross-entropy."""
import numpy as np
import pandas as pd
import torch
import torch.nn as nn
from torch.utils.data import DataLoader
from torchvision import datasets, models, transforms

DATA_DIR = "../input/plant-seedlings-classification/train"
EPOCHS = 5
device = torch.device("cuda" if torch.cuda.is_available() else "cpu")


def compute_class_weights(targets, num_classes):
    counts = np.bincount(np.asarray(targets), minlength=num_classes).astype(np.float64)
    weights = counts.sum() / (num_classes * np.maximum(counts, 1.0))
    return torch.Tensor(weights.tolist())


def make_loader():
    tf = transforms.Compose([
        transforms.RandomResizedCrop(224),
        transforms.RandomHorizontalFlip(),
        transforms.ToTensor(),
        transforms.Normalize([0.485, 0.456, 0.406], [0.229, 0.224, 0.225]),
    ])
    ds = datasets.ImageFolder(DATA_DIR, transform=tf)
    return ds, DataLoader(ds, batch_size=32, shuffle=True, num_workers=2)


dataset, train_loader = make_loader()
num_classes = len(dataset.classes)

model = models.resnet34(weights="IMAGENET1K_V1")
model.fc = nn.Linear(model.fc.in_features, num_classes)
model = model.to(device)

class_weights = compute_class_weights(dataset.targets, num_classes)
criterion = nn.CrossEntropyLoss(weight=class_weights)
optimizer = torch.optim.AdamW(model.parameters(), lr=3e-4)

history = []
for epoch in range(EPOCHS):
    model.train()
    running, seen = 0.0, 0
    for images, labels in train_loader:
        images, labels = images.to(device), labels.to(device)
        optimizer.zero_grad()
        loss = criterion(model(images), labels)
        loss.backward()
        optimizer.step()
        running += loss.item() * images.size(0)
        seen += images.size(0)
    history.append({"epoch": epoch, "loss": running / seen})
    print(history[-1])

pd.DataFrame(history).to_csv("history.csv", index=False)
torch.save(model.state_dict(), "seedlings_resnet34.pth")

# source: https://github.com/OML-Team/open-metric-learning/issues/620
# error: RuntimeError: Expected all tensors to be on the same device, but found at least two devices, cuda:0 and cpu! (when checking argument for argument mat2 in method wrapper_CUDA_mm)
# pattern: module-not-placed
# shape: batch-dict, loader-loop, helper
# bug-lines: 61, 72
# needs: torch, torchvision
# cpu: no written where torch was not installed; not run
"""Fine-tune an image retrieval embedder with an ArcFace criterion on a product dataset."""
import math

import torch
import torch.nn as nn
import torch.nn.functional as F
from torch.utils.data import DataLoader, Dataset
from torchvision import models

EPOCHS = 5
EMB_SIZE = 512


class ArcFaceLoss(nn.Module):
    def __init__(self, in_features, num_classes, s=64.0, m=0.5):
        super().__init__()
        self.weight = nn.Parameter(torch.empty(num_classes, in_features))
        nn.init.xavier_uniform_(self.weight)
        self.s, self.m = s, m
        self.last_logs = {}

    def forward(self, embeddings, labels):
        cos = F.linear(F.normalize(embeddings), F.normalize(self.weight)).clamp(-1 + 1e-7, 1 - 1e-7)
        theta = torch.acos(cos)
        target = F.one_hot(labels, cos.shape[1]).bool()
        logits = self.s * torch.where(target, torch.cos(theta + self.m), cos)
        loss = F.cross_entropy(logits, labels)
        self.last_logs = {"arcface": loss.item()}
        return loss


class ProductImages(Dataset):
    def __init__(self, n=2000, n_labels=100):
        self.labels = torch.randint(0, n_labels, (n,))

    def __len__(self):
        return len(self.labels)

    def __getitem__(self, i):
        return {"input_tensors": torch.rand(3, 224, 224), "labels": self.labels[i]}


def build_extractor():
    net = models.resnet50()
    net.fc = nn.Linear(net.fc.in_features, EMB_SIZE)
    return net


def training(model, criterion, optimizer, loader, device):
    model.train()
    for _ in range(EPOCHS):
        for batch in loader:
            embeddings = model(batch["input_tensors"].to(device))
            loss = criterion(embeddings, batch["labels"].to(device))
            loss.backward()
            optimizer.step()
            optimizer.zero_grad()
        print(criterion.last_logs)


if __name__ == "__main__":
    device = "cuda"
    train_dataset = ProductImages()
    model = build_extractor().to(device)
    criterion = ArcFaceLoss(in_features=EMB_SIZE, num_classes=100)
    optimizer = torch.optim.Adam(list(model.parameters()) + list(criterion.parameters()), lr=1e-4)
    loader = DataLoader(train_dataset, batch_size=32, shuffle=True)
    training(model, criterion, optimizer, loader, device)

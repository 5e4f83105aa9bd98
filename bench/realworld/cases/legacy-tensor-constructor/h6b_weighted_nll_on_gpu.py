# source: https://github.com/pytorch/pytorch/issues/3879
# error: RuntimeError: Expected all tensors to be on the same device, but found at least two devices, cuda:0 and cpu!
# pattern: legacy-tensor-constructor
# looks-like: legacy-tensor-constructor
# shape: helper, loader-loop
# needs: torch, torchvision
# cpu: no written where torch was not installed; not run
"""Fine-tune a ResNet on an imbalanced image folder with a class-weighted loss."""
import collections

import torch
import torch.nn as nn
from torch.utils.data import DataLoader
from torchvision import datasets, models, transforms


def class_weight_tensor(dataset, device):
    counts = collections.Counter(label for _, label in dataset.samples)
    n_classes = len(dataset.classes)
    freqs = [counts.get(c, 1) for c in range(n_classes)]
    weights = [sum(freqs) / (n_classes * f) for f in freqs]
    # built on the host, then moved next to the logits before the loss sees it
    return torch.FloatTensor(weights).to(device)


def build_loader(root, train=True):
    tfm = transforms.Compose([
        transforms.RandomResizedCrop(224) if train else transforms.Resize((224, 224)),
        transforms.ToTensor(),
        transforms.Normalize([0.485, 0.456, 0.406], [0.229, 0.224, 0.225]),
    ])
    ds = datasets.ImageFolder(root, tfm)
    return ds, DataLoader(ds, batch_size=64, shuffle=train, num_workers=8, pin_memory=True)


def main(train_root="data/train", epochs=10):
    device = torch.device("cuda" if torch.cuda.is_available() else "cpu")
    train_set, train_loader = build_loader(train_root)
    model = models.resnet50(weights=models.ResNet50_Weights.DEFAULT)
    model.fc = nn.Linear(model.fc.in_features, len(train_set.classes))
    model = model.to(device)
    criterion = nn.CrossEntropyLoss(weight=class_weight_tensor(train_set, device))
    optimizer = torch.optim.SGD(model.parameters(), lr=0.01, momentum=0.9, weight_decay=1e-4)
    for epoch in range(epochs):
        model.train()
        running = 0.0
        for images, labels in train_loader:
            images = images.to(device, non_blocking=True)
            labels = labels.to(device, non_blocking=True)
            loss = criterion(model(images), labels)
            optimizer.zero_grad()
            loss.backward()
            optimizer.step()
            running += loss.item()
        print(f"epoch {epoch}: loss {running / len(train_loader):.4f}")


if __name__ == "__main__":
    main()

# source: https://github.com/pytorch/pytorch/issues/42358
# error: RuntimeError: expected scalar type Float but found Half
# pattern: module-added-after-placement
# shape: loader-loop, helper
# bug-lines: 28
# needs: torch, torchvision
# cpu: no written where torch was not installed; not run

import time

import torch
import torchvision as tv
from torch.utils.data import DataLoader

device = torch.device("cuda" if torch.cuda.is_available() else "cpu")

train_tf = tv.transforms.Compose([
    tv.transforms.RandomHorizontalFlip(),
    tv.transforms.ColorJitter(0.1, 0.1, 0.1),
    tv.transforms.ToTensor(),
    tv.transforms.Normalize((0.485, 0.456, 0.406), (0.229, 0.224, 0.225)),
])
cifar = tv.datasets.CIFAR10("./data", train=True, download=True, transform=train_tf)
loader = DataLoader(cifar, batch_size=128, shuffle=True, num_workers=4)

backbone = tv.models.resnet18(weights="IMAGENET1K_V1").to(device)
# swap the ImageNet head for a 10-class one
backbone.fc = torch.nn.Linear(backbone.fc.in_features, 10)

criterion = torch.nn.CrossEntropyLoss()
optimizer = torch.optim.SGD(backbone.parameters(), lr=0.01, momentum=0.9)
scaler = torch.cuda.amp.GradScaler()


def run_epoch(model, use_amp=True):
    model.train()
    seen, running = 0, 0.0
    for images, targets in loader:
        images = images.to(device, non_blocking=True)
        targets = targets.to(device, non_blocking=True)
        optimizer.zero_grad(set_to_none=True)
        with torch.autocast(device_type="cuda", dtype=torch.float16, enabled=use_amp):
            logits = model(images)
            loss = criterion(logits, targets)
        scaler.scale(loss).backward()
        scaler.step(optimizer)
        scaler.update()
        running += loss.item() * images.size(0)
        seen += images.size(0)
    return running / seen


if __name__ == "__main__":
    for epoch in range(5):
        start = time.time()
        avg = run_epoch(backbone)
        print(f"epoch {epoch}: loss={avg:.4f} ({time.time() - start:.1f}s)")

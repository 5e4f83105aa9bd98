# source: https://github.com/facebookresearch/ClassyVision/pull/61
# error: RuntimeError: Expected all tensors to be on the same device, but found at least two devices, cuda:0 and cpu!
# pattern: optimizer-state-before-placement
# shape: class, loader-loop
# looks-like: optimizer-state-before-placement
# needs: torch, torchvision
# cpu: no written where torch was not installed; not run

import torch
from torch import nn
from torch.utils.data import DataLoader
from torchvision import datasets, models, transforms


class ClassificationTask:
    def __init__(self, num_classes=10, lr=1e-3, weight_decay=0.05, use_gpu=True):
        self.model = models.resnet18(num_classes=num_classes)
        self.loss = nn.CrossEntropyLoss(label_smoothing=0.1)
        self.optimizer = torch.optim.AdamW(self.model.parameters(), lr=lr, weight_decay=weight_decay)
        self.device = torch.device("cuda" if use_gpu and torch.cuda.is_available() else "cpu")
        self.model.to(self.device)
        self.scheduler = torch.optim.lr_scheduler.CosineAnnealingLR(self.optimizer, T_max=20)

    def train_phase(self, loader):
        self.model.train()
        total, correct = 0, 0
        for images, labels in loader:
            images, labels = images.to(self.device, non_blocking=True), labels.to(self.device, non_blocking=True)
            logits = self.model(images)
            loss = self.loss(logits, labels)
            self.optimizer.zero_grad(set_to_none=True)
            loss.backward()
            self.optimizer.step()
            correct += (logits.argmax(1) == labels).sum().item()
            total += labels.numel()
        self.scheduler.step()
        return correct / total


if __name__ == "__main__":
    tfm = transforms.Compose([transforms.RandomCrop(32, padding=4), transforms.RandomHorizontalFlip(),
                              transforms.ToTensor()])
    train_set = datasets.CIFAR10("data", train=True, download=True, transform=tfm)
    loader = DataLoader(train_set, batch_size=256, shuffle=True, num_workers=4, pin_memory=True)
    task = ClassificationTask()
    for epoch in range(20):
        print(f"epoch {epoch}: train acc {task.train_phase(loader):.3f}")

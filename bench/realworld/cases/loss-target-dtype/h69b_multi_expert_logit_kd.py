# source: https://github.com/xiangly55/LFME/issues/2
# error: RuntimeError: Found dtype Double but expected Float
# pattern: loss-target-dtype
# shape: class, loader-loop, batch-dict
# bug-lines: 24, 43
# needs: torch, numpy, torchvision
# cpu: no written where torch was not installed; not run
"""Distil several long-tail experts into one student by regressing their fused logits."""
import numpy as np
import torch
import torch.nn.functional as F
from PIL import Image
from torch.utils.data import DataLoader, Dataset
from torchvision import models, transforms


class ExpertLogitDataset(Dataset):
    """Images plus the pre-computed logits of every expert, fused with per-expert weights."""

    def __init__(self, list_file, expert_logit_files, expert_weights, transform):
        with open(list_file) as f:
            self.samples = [(p, int(y)) for p, y in (line.split() for line in f)]
        stacked = np.stack([np.load(path) for path in expert_logit_files])
        self.soft_targets = np.tensordot(np.asarray(expert_weights), stacked, axes=1)
        self.transform = transform

    def __len__(self):
        return len(self.samples)

    def __getitem__(self, idx):
        path, label = self.samples[idx]
        image = self.transform(Image.open(path).convert("RGB"))
        return {"image": image, "label": label, "expert_logits": self.soft_targets[idx]}


def train_epoch(student, loader, optimizer, device, beta=0.5):
    student.train()
    for batch in loader:
        images = batch["image"].to(device, non_blocking=True)
        labels = batch["label"].to(device, non_blocking=True)
        expert_logits = batch["expert_logits"].to(device, non_blocking=True)
        logits = student(images)
        loss = F.cross_entropy(logits, labels) + beta * F.mse_loss(logits, expert_logits)
        optimizer.zero_grad()
        loss.backward()
        optimizer.step()


if __name__ == "__main__":
    device = torch.device("cuda")
    tf = transforms.Compose([transforms.RandomResizedCrop(224), transforms.RandomHorizontalFlip(),
                             transforms.ToTensor()])
    experts = ["logits/many_shot.npy", "logits/medium_shot.npy", "logits/few_shot.npy"]
    dataset = ExpertLogitDataset("ImageNet_LT_train.txt", experts, [0.5, 0.3, 0.2], tf)
    loader = DataLoader(dataset, batch_size=256, shuffle=True, num_workers=12, pin_memory=True)
    student = models.resnet18(num_classes=1000).to(device)
    optimizer = torch.optim.SGD(student.parameters(), lr=0.1, momentum=0.9, weight_decay=5e-4)
    for epoch in range(90):
        train_epoch(student, loader, optimizer, device)

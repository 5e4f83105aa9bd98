# The loss has no weights and is never moved: it runs where its inputs are, moved to
# a device that is the CPU on a machine without a GPU. Its own `.cuda()` fails there.
import torch
import torch.nn.functional as F
from torch import nn


class FocalLoss(nn.Module):
    def __init__(self, gamma=2.0, use_gpu=True):
        super().__init__()
        self.gamma = gamma
        self.use_gpu = use_gpu

    def forward(self, logits, labels):
        weight = torch.ones(logits.size(1))
        if self.use_gpu:
            weight = weight.cuda()  # expect: TL212:22 lines=29,28,23
        ce = F.cross_entropy(logits, labels, weight=weight, reduction="none")
        return ((1 - torch.exp(-ce)) ** self.gamma * ce).mean()


def train(model, loader, epochs):
    device = torch.device("cuda" if torch.cuda.is_available() else "cpu")
    criterion = FocalLoss()
    optimizer = torch.optim.SGD(model.parameters(), lr=0.01)
    for _ in range(epochs):
        for images, labels in loader:
            images, labels = images.to(device), labels.to(device)
            loss = criterion(model(images), labels)
            optimizer.zero_grad()
            loss.backward()
            optimizer.step()

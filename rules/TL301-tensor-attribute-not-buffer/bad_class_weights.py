# A focal loss for long-tailed labels keeps its per-class weights as a plain tensor
# attribute: criterion.to(device) leaves them on the CPU, and the loss meets them
# with logits on the GPU.
import torch
import torch.nn.functional as F
from torch import nn


class FocalLoss(nn.Module):
    def __init__(self, class_weights, gamma=2.0):
        super().__init__()
        self.gamma = gamma
        self.alpha = torch.tensor(class_weights, dtype=torch.float32)  # expect: TL301:9 lines=16

    def forward(self, logits, target):
        ce = F.cross_entropy(logits, target, weight=self.alpha, reduction="none")
        return ((1 - torch.exp(-ce)) ** self.gamma * ce).mean()


def train_step(model, criterion, images, labels, device):
    logits = model(images.to(device))
    return criterion(logits, labels.to(device))


if __name__ == "__main__":
    device = torch.device("cuda")
    model = nn.Linear(32, 5).to(device)
    criterion = FocalLoss([0.1, 0.2, 0.3, 0.2, 0.2]).to(device)
    train_step(model, criterion, torch.randn(8, 32), torch.randint(0, 5, (8,)), device).backward()

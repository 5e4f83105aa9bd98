# source: https://github.com/yhenon/pytorch-retinanet/issues/174
# error: RuntimeError: Expected object of backend CUDA but got backend CPU for argument #2 'other'
# pattern: hard-coded-cuda
# shape: class, loader-loop
# looks-like: hard-coded-cuda
# needs: torch
# cpu: no written where torch was not installed; not run
import torch
import torch.nn as nn


class FocalLoss(nn.Module):
    """RetinaNet focal loss over already-matched anchors (one image at a time)."""

    def __init__(self, alpha=0.25, gamma=2.0):
        super().__init__()
        self.alpha, self.gamma = alpha, gamma

    def forward(self, classifications, targets_per_image):
        losses = []
        for classification, targets in zip(classifications, targets_per_image):
            classification = classification.clamp(1e-4, 1.0 - 1e-4)
            if targets.numel() == 0:
                losses.append(torch.tensor(0.0, device=classification.device))
                continue
            if classification.is_cuda:
                targets = targets.cuda(classification.device)
                alpha_factor = torch.ones(classification.shape).cuda(classification.device) * self.alpha
            else:
                alpha_factor = torch.ones(classification.shape) * self.alpha
            alpha_factor = torch.where(targets == 1.0, alpha_factor, 1.0 - alpha_factor)
            focal_weight = torch.where(targets == 1.0, 1.0 - classification, classification)
            focal_weight = alpha_factor * focal_weight ** self.gamma
            bce = -(targets * torch.log(classification) + (1.0 - targets) * torch.log(1.0 - classification))
            num_pos = (targets == 1.0).sum().clamp(min=1)
            losses.append((focal_weight * bce).sum() / num_pos)
        return torch.stack(losses).mean()


if __name__ == "__main__":
    device = torch.device("cuda:1" if torch.cuda.device_count() > 1 else "cpu")
    head = nn.Sequential(nn.Linear(256, 80), nn.Sigmoid()).to(device)
    criterion = FocalLoss()
    optimizer = torch.optim.SGD(head.parameters(), lr=0.01)
    for step in range(5):
        feats = torch.randn(2, 1000, 256, device=device)
        targets = [(torch.rand(1000, 80) > 0.99).float() for _ in range(2)]
        loss = criterion(head(feats), targets)
        optimizer.zero_grad()
        loss.backward()
        optimizer.step()
        print(step, loss.item())

# source: https://github.com/GarrettJenkinson/condor_pytorch/pull/2
# error: RuntimeError: Expected all tensors to be on the same device, but found at least two devices, cuda:0 and cpu!
# pattern: tensor-created-without-device
# shape: helper, loader-loop
# looks-like: tensor-created-without-device
# needs: torch
# cpu: no written where torch was not installed; not run
"""Ordinal (CONDOR-style) grading of diabetic retinopathy, grades 0-4.
The helper tensors of the loss are built on the logits' device."""
import torch
import torch.nn as nn
import torch.nn.functional as F
from torch.utils.data import DataLoader, TensorDataset

NUM_GRADES = 5


def grades_to_levels(grades, num_classes=NUM_GRADES):
    thresholds = torch.arange(num_classes - 1, device=grades.device)
    return (grades.unsqueeze(1) > thresholds).float()


def ordinal_negloglik(logits, levels, reduction="mean"):
    first = torch.ones((levels.shape[0], 1), device=logits.device, dtype=logits.dtype)
    at_risk = torch.cat([first, levels[:, :-1]], dim=1)
    log_p = F.logsigmoid(logits)
    log_q = torch.log1p(-torch.sigmoid(logits).clamp(max=1 - 1e-6))
    per_sample = -((log_p * levels + log_q * (1 - levels)) * at_risk).sum(dim=1)
    if reduction == "mean":
        return per_sample.mean()
    return per_sample


class FundusGrader(nn.Module):
    def __init__(self):
        super().__init__()
        self.backbone = nn.Sequential(
            nn.Conv2d(3, 32, 5, stride=2, padding=2), nn.ReLU(),
            nn.Conv2d(32, 64, 3, stride=2, padding=1), nn.ReLU(),
            nn.AdaptiveAvgPool2d(1), nn.Flatten())
        self.head = nn.Linear(64, NUM_GRADES - 1)

    def forward(self, x):
        return self.head(self.backbone(x))


if __name__ == "__main__":
    device = torch.device("cuda" if torch.cuda.is_available() else "cpu")
    model = FundusGrader().to(device)
    optimizer = torch.optim.SGD(model.parameters(), lr=1e-2, momentum=0.9)
    loader = DataLoader(TensorDataset(torch.rand(64, 3, 224, 224),
                                      torch.randint(0, NUM_GRADES, (64,))), batch_size=16)
    for images, grades in loader:
        images, grades = images.to(device), grades.to(device)
        logits = model(images)
        loss = ordinal_negloglik(logits, grades_to_levels(grades))
        optimizer.zero_grad()
        loss.backward()
        optimizer.step()
        print(loss.item())

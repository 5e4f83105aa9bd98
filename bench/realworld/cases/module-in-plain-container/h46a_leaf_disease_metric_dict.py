# source: https://github.com/Lightning-AI/pytorch-lightning/issues/4255
# error: RuntimeError: Expected all tensors to be on the same device, but found at least two devices, cuda:0 and cpu!
# pattern: module-in-plain-container
# shape: class, loader-loop
# bug-lines: 38, 46
# needs: torch
# cpu: no written where torch was not installed; not run
import torch
import torch.nn as nn
import torch.nn.functional as F
from torch.utils.data import DataLoader, TensorDataset

NUM_CLASSES = 38  # PlantVillage crop/disease pairs


class ConfusionMetric(nn.Module):
    """Running confusion matrix; its state is a buffer so it follows .to()."""

    def __init__(self, num_classes):
        super().__init__()
        self.num_classes = num_classes
        self.register_buffer("confmat", torch.zeros(num_classes, num_classes, dtype=torch.long))

    def update(self, preds, target):
        idx = target * self.num_classes + preds
        counts = torch.bincount(idx, minlength=self.num_classes ** 2)
        self.confmat += counts.view(self.num_classes, self.num_classes)

    def accuracy(self):
        return (self.confmat.diag().sum() / self.confmat.sum().clamp(min=1)).item()


class LeafDiseaseClassifier(nn.Module):
    def __init__(self):
        super().__init__()
        self.backbone = nn.Sequential(nn.Conv2d(3, 32, 3, 2, 1), nn.ReLU(), nn.AdaptiveAvgPool2d(1), nn.Flatten())
        self.head = nn.Linear(32, NUM_CLASSES)
        self.train_metrics = {"confusion": ConfusionMetric(NUM_CLASSES)}

    def forward(self, x):
        return self.head(self.backbone(x))

    def training_step(self, images, labels):
        logits = self(images)
        for name, metric in self.train_metrics.items():
            metric.update(logits.argmax(dim=1), labels)
        return F.cross_entropy(logits, labels)


def main():
    device = torch.device("cuda")
    model = LeafDiseaseClassifier().to(device)
    opt = torch.optim.SGD(model.parameters(), lr=0.01, momentum=0.9)
    data = TensorDataset(torch.randn(256, 3, 64, 64), torch.randint(0, NUM_CLASSES, (256,)))
    for images, labels in DataLoader(data, batch_size=32, shuffle=True):
        images, labels = images.to(device), labels.to(device)
        loss = model.training_step(images, labels)
        opt.zero_grad()
        loss.backward()
        opt.step()
    print({k: m.accuracy() for k, m in model.train_metrics.items()})


if __name__ == "__main__":
    main()

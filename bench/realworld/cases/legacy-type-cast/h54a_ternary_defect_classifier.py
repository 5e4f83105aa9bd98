# source: https://github.com/buaabai/Ternary-Weights-Network/issues/1
# error: RuntimeError: Expected object of backend CUDA but got backend CPU for argument #2 'other'
# pattern: legacy-type-cast
# shape: helper, class, loader-loop
# bug-lines: 21, 22
# needs: torch, torchvision
# cpu: no written where torch was not installed; not run
"""Ternary-weight CNN for on-line PCB / weld defect classification.
Weights are ternarised in the forward pass so the trained net can be exported
to the 2-bit accelerator on the inspection line."""
import torch
import torch.nn as nn
import torch.nn.functional as F
from torch.utils.data import DataLoader
from torchvision import datasets, transforms


def ternarize(weight, ratio=0.7):
    flat = weight.view(weight.size(0), -1)
    delta = ratio * flat.abs().mean(dim=1, keepdim=True)
    pos = (flat > delta).type(torch.FloatTensor)
    neg = (flat < -delta).type(torch.FloatTensor)
    nonzero = pos + neg
    alpha = (flat.abs() * nonzero).sum(dim=1, keepdim=True) / nonzero.sum(dim=1, keepdim=True).clamp_min(1)
    return (alpha * (pos - neg)).view_as(weight)


class TernaryConv2d(nn.Conv2d):
    def forward(self, x):
        w = self.weight + (ternarize(self.weight) - self.weight).detach()  # straight-through
        return F.conv2d(x, w, self.bias, self.stride, self.padding, self.dilation, self.groups)


class DefectNet(nn.Module):
    def __init__(self, n_classes=6):
        super().__init__()
        self.body = nn.Sequential(
            nn.Conv2d(1, 32, 3, padding=1), nn.BatchNorm2d(32), nn.ReLU(), nn.MaxPool2d(2),
            TernaryConv2d(32, 64, 3, padding=1), nn.BatchNorm2d(64), nn.ReLU(), nn.MaxPool2d(2),
            TernaryConv2d(64, 128, 3, padding=1), nn.BatchNorm2d(128), nn.ReLU(),
            nn.AdaptiveAvgPool2d(1), nn.Flatten(), nn.Linear(128, n_classes),
        )

    def forward(self, x):
        return self.body(x)


def main(root="data/neu_surface_defects", epochs=30):
    device = torch.device("cuda" if torch.cuda.is_available() else "cpu")
    tf = transforms.Compose([transforms.Grayscale(), transforms.Resize((128, 128)), transforms.ToTensor()])
    loader = DataLoader(datasets.ImageFolder(root, tf), batch_size=64, shuffle=True, num_workers=4)
    model = DefectNet(n_classes=len(loader.dataset.classes)).to(device)
    opt = torch.optim.Adam(model.parameters(), lr=1e-3)
    for epoch in range(epochs):
        correct = 0
        for images, labels in loader:
            images, labels = images.to(device), labels.to(device)
            logits = model(images)
            loss = F.cross_entropy(logits, labels)
            opt.zero_grad()
            loss.backward()
            opt.step()
            correct += (logits.argmax(1) == labels).sum().item()
        print(f"epoch {epoch}: acc {correct / len(loader.dataset):.3f}")


if __name__ == "__main__":
    main()

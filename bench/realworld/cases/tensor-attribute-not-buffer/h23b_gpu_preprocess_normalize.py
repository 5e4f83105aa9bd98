# source: https://github.com/kornia/kornia/pull/4330
# error: RuntimeError: Expected all tensors to be on the same device, but found at least two devices, cuda:0 and cpu!
# pattern: tensor-attribute-not-buffer
# shape: class, loader-loop
# bug-lines: 21, 22
# needs: torch, torchvision
# cpu: no written where torch was not installed; not run
import torch
import torch.nn as nn
import torchvision
from torch.utils.data import DataLoader
from torchvision import transforms as T

IMAGENET_MEAN = (0.485, 0.456, 0.406)
IMAGENET_STD = (0.229, 0.224, 0.225)


class Normalize(nn.Module):
    def __init__(self, mean, std):
        super().__init__()
        self.mean = torch.as_tensor(mean, dtype=torch.float32).view(1, -1, 1, 1)
        self.std = torch.as_tensor(std, dtype=torch.float32).view(1, -1, 1, 1)

    def forward(self, x):
        return (x - self.mean) / self.std


class RandomFlipGPU(nn.Module):
    def forward(self, x):
        if not self.training:
            return x
        flip = torch.rand(x.shape[0], device=x.device) < 0.5
        x = x.clone()
        x[flip] = x[flip].flip(-1)
        return x


def build_pipeline(num_classes):
    backbone = torchvision.models.resnet18(num_classes=num_classes)
    return nn.Sequential(RandomFlipGPU(), Normalize(IMAGENET_MEAN, IMAGENET_STD), backbone)


def main():
    device = torch.device("cuda" if torch.cuda.is_available() else "cpu")
    dataset = torchvision.datasets.ImageFolder("data/train", transform=T.Compose([
        T.Resize(256), T.CenterCrop(224), T.ToTensor()]))
    loader = DataLoader(dataset, batch_size=32, shuffle=True, num_workers=4)
    model = build_pipeline(len(dataset.classes)).to(device)
    optimizer = torch.optim.SGD(model.parameters(), lr=0.01, momentum=0.9)
    criterion = nn.CrossEntropyLoss()
    model.train()
    for images, labels in loader:
        images, labels = images.to(device), labels.to(device)
        loss = criterion(model(images), labels)
        optimizer.zero_grad()
        loss.backward()
        optimizer.step()


if __name__ == "__main__":
    main()

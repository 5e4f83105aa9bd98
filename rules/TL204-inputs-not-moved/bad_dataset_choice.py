# A torchvision dataset on either path (fake data for a smoke test, the real folder
# otherwise): the loader's labels are CPU tensors whichever the run takes.
import torch
from torch import nn
from torch.utils.data import DataLoader
from torchvision.datasets import FakeData, ImageFolder


def build_loader(root, dummy):
    if dummy:
        dataset = FakeData(256)
    else:
        dataset = ImageFolder(root)
    return DataLoader(dataset, batch_size=64, shuffle=True)


def train(model, root, dummy, device):
    criterion = nn.CrossEntropyLoss().to(device)
    for images, target in build_loader(root, dummy):
        loss = criterion(model(images.to(device)), target)  # expect: TL204:52 lines=14,18
        loss.backward()

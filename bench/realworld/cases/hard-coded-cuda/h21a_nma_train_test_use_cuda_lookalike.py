# source: https://github.com/NeuromatchAcademy/course-content-dl/pull/277
# error: AssertionError: Torch not compiled with CUDA enabled
# pattern: hard-coded-cuda
# shape: helper, loader-loop
# looks-like: hard-coded-cuda
# needs: torch, torchvision
# cpu: no written where torch was not installed; not run
import argparse

import torch
import torch.nn as nn
import torch.nn.functional as F
from torch.utils.data import DataLoader
from torchvision import datasets, transforms


class Net(nn.Module):
    def __init__(self):
        super().__init__()
        self.fc1 = nn.Linear(784, 256)
        self.fc2 = nn.Linear(256, 10)

    def forward(self, x):
        return self.fc2(F.relu(self.fc1(torch.flatten(x, 1))))


def train(model, use_cuda, train_loader, optimizer, epoch):
    model.train()
    for batch_idx, (data, target) in enumerate(train_loader):
        if use_cuda:
            data, target = data.cuda(), target.cuda()
        optimizer.zero_grad()
        loss = F.cross_entropy(model(data), target)
        loss.backward()
        optimizer.step()
        if batch_idx % 100 == 0:
            print("Train Epoch: {} [{}]\tLoss: {:.4f}".format(epoch, batch_idx, loss.item()))


def test(model, use_cuda, test_loader):
    model.eval()
    correct = 0
    with torch.no_grad():
        for data, target in test_loader:
            if use_cuda:
                data, target = data.cuda(), target.cuda()
            correct += model(data).argmax(dim=1).eq(target).sum().item()
    acc = 100.0 * correct / len(test_loader.dataset)
    print("Test accuracy: {:.2f}%".format(acc))
    return acc


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--epochs", type=int, default=2)
    parser.add_argument("--no-cuda", action="store_true", default=False)
    args = parser.parse_args()
    use_cuda = not args.no_cuda and torch.cuda.is_available()

    tf = transforms.Compose([transforms.ToTensor(), transforms.Normalize((0.1307,), (0.3081,))])
    train_loader = DataLoader(datasets.MNIST("data", train=True, download=True, transform=tf),
                              batch_size=64, shuffle=True)
    test_loader = DataLoader(datasets.MNIST("data", train=False, transform=tf), batch_size=1000)

    model = Net()
    if use_cuda:
        model = model.cuda()
    optimizer = torch.optim.SGD(model.parameters(), lr=0.01, momentum=0.9)
    for epoch in range(1, args.epochs + 1):
        train(model, use_cuda, train_loader, optimizer, epoch)
        test(model, use_cuda, test_loader)


if __name__ == "__main__":
    main()

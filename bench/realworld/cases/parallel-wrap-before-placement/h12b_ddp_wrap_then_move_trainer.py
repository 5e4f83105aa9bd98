# source: https://github.com/narumiruna/pytorch-distributed-example/pull/11
# error: ValueError: DistributedDataParallel device_ids and output_device arguments only work with single-device/multiple-device GPU modules or CPU modules, but got device_ids [0], output_device None, and module parameters {device(type='cpu')}.
# pattern: parallel-wrap-before-placement
# shape: class, helper, loader-loop
# bug-lines: 60, 61
# needs: torch, torchvision
# cpu: no written where torch was not installed; not run

import os

import torch
import torch.distributed as dist
import torch.nn as nn
import torch.nn.functional as F
from torch.nn.parallel import DistributedDataParallel
from torch.utils.data import DataLoader
from torch.utils.data.distributed import DistributedSampler
from torchvision import datasets, transforms


class MnistNet(nn.Module):
    def __init__(self):
        super().__init__()
        self.fc1 = nn.Linear(28 * 28, 256)
        self.fc2 = nn.Linear(256, 10)

    def forward(self, x):
        return self.fc2(F.relu(self.fc1(x.flatten(1))))


class Trainer:
    def __init__(self, net, optimizer, loader, device):
        self.net = net
        self.optimizer = optimizer
        self.loader = loader
        self.device = device

    def train_epoch(self, epoch):
        self.net.train()
        self.loader.sampler.set_epoch(epoch)
        total, seen = 0.0, 0
        for images, labels in self.loader:
            images, labels = images.to(self.device), labels.to(self.device)
            loss = F.cross_entropy(self.net(images), labels)
            self.optimizer.zero_grad()
            loss.backward()
            self.optimizer.step()
            total += loss.item() * images.size(0)
            seen += images.size(0)
        return total / seen


def run(root="data", epochs=10, batch_size=128):
    local_rank = int(os.environ["LOCAL_RANK"])
    torch.cuda.set_device(local_rank)
    device = torch.device("cuda", local_rank)
    dist.init_process_group(backend="nccl")

    net = MnistNet()
    net = DistributedDataParallel(net, device_ids=[local_rank])
    net.to(device)
    optimizer = torch.optim.Adam(net.parameters(), lr=1e-3)

    tf = transforms.Compose([transforms.ToTensor(), transforms.Normalize((0.1307,), (0.3081,))])
    train_set = datasets.MNIST(root, train=True, transform=tf, download=True)
    loader = DataLoader(train_set, batch_size=batch_size, sampler=DistributedSampler(train_set))

    trainer = Trainer(net, optimizer, loader, device)
    for epoch in range(epochs):
        loss = trainer.train_epoch(epoch)
        if dist.get_rank() == 0:
            print(f"epoch {epoch}: train loss {loss:.4f}")
    dist.destroy_process_group()


if __name__ == "__main__":
    run()

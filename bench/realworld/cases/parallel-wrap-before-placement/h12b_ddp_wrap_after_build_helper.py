# source: https://github.com/narumiruna/pytorch-distributed-example/pull/11
# error: ValueError: DistributedDataParallel device_ids and output_device arguments only work with single-device/multiple-device GPU modules or CPU modules, but got device_ids [0], output_device None, and module parameters {device(type='cpu')}.
# pattern: parallel-wrap-before-placement
# shape: helper, loader-loop
# looks-like: parallel-wrap-before-placement
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


class FashionNet(nn.Module):
    def __init__(self):
        super().__init__()
        self.body = nn.Sequential(nn.Conv2d(1, 32, 3), nn.ReLU(), nn.MaxPool2d(2), nn.Conv2d(32, 64, 3), nn.ReLU(), nn.MaxPool2d(2))
        self.head = nn.Linear(64 * 5 * 5, 10)

    def forward(self, x):
        return self.head(self.body(x).flatten(1))


def build_net(device, checkpoint=None):
    net = FashionNet()
    if checkpoint is not None:
        net.load_state_dict(torch.load(checkpoint, map_location="cpu"))
    return net.to(device)


def train(net, loader, optimizer, device, epoch):
    net.train()
    loader.sampler.set_epoch(epoch)
    for images, labels in loader:
        images, labels = images.to(device), labels.to(device)
        loss = F.cross_entropy(net(images), labels)
        optimizer.zero_grad()
        loss.backward()
        optimizer.step()
    return loss.item()


def main(epochs=10):
    local_rank = int(os.environ["LOCAL_RANK"])
    torch.cuda.set_device(local_rank)
    device = torch.device("cuda", local_rank)
    dist.init_process_group(backend="nccl")

    net = build_net(device)
    net = DistributedDataParallel(net, device_ids=[local_rank])
    optimizer = torch.optim.SGD(net.parameters(), lr=0.05, momentum=0.9)

    tf = transforms.Compose([transforms.ToTensor(), transforms.Normalize((0.2860,), (0.3530,))])
    train_set = datasets.FashionMNIST("data", train=True, transform=tf, download=True)
    loader = DataLoader(train_set, batch_size=128, sampler=DistributedSampler(train_set), num_workers=2)

    for epoch in range(epochs):
        last = train(net, loader, optimizer, device, epoch)
        if dist.get_rank() == 0:
            print(f"epoch {epoch}: last batch loss {last:.4f}")
    dist.destroy_process_group()


if __name__ == "__main__":
    main()

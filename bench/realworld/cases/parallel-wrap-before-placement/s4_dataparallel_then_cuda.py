# source: https://github.com/pytorch/pytorch/issues/2150
# error: RuntimeError: module must have its parameters and buffers on device cuda:0 (device_ids[0]) but found one of them on device: cpu
# pattern: parallel-wrap-before-placement
# shape: helper, loader-loop
# looks-like: parallel-wrap-before-placement
# cpu: clean
# needs: torch
import argparse

import torch
import torch.nn as nn
from torch.utils.data import DataLoader, TensorDataset


def create_model(arch_width=32, num_classes=100):
    return nn.Sequential(
        nn.Conv2d(3, arch_width, 3, padding=1), nn.BatchNorm2d(arch_width), nn.ReLU(),
        nn.AdaptiveAvgPool2d(1), nn.Flatten(), nn.Linear(arch_width, num_classes),
    )


def prepare(model, args):
    if args.gpu is not None:
        torch.cuda.set_device(args.gpu)
        model = model.cuda(args.gpu)
    elif torch.cuda.is_available():
        # DataParallel will divide and allocate batch_size to all available GPUs
        model = torch.nn.DataParallel(model).cuda()
    return model


def train(loader, model, criterion, optimizer, args):
    model.train()
    for images, target in loader:
        if torch.cuda.is_available():
            images = images.cuda(args.gpu, non_blocking=True)
            target = target.cuda(args.gpu, non_blocking=True)
        loss = criterion(model(images), target)
        optimizer.zero_grad()
        loss.backward()
        optimizer.step()
    return loss.item()


if __name__ == "__main__":
    parser = argparse.ArgumentParser()
    parser.add_argument("--gpu", type=int, default=None)
    parser.add_argument("--lr", type=float, default=0.1)
    args = parser.parse_args()
    model = prepare(create_model(), args)
    criterion = nn.CrossEntropyLoss()
    if torch.cuda.is_available():
        criterion = criterion.cuda(args.gpu)
    optimizer = torch.optim.SGD(model.parameters(), args.lr, momentum=0.9)
    data = TensorDataset(torch.randn(32, 3, 16, 16), torch.randint(0, 100, (32,)))
    print(train(DataLoader(data, batch_size=8), model, criterion, optimizer, args))

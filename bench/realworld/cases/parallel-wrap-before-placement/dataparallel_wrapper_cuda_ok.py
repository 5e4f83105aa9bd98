# source: https://github.com/pytorch/pytorch/issues/17362
# error: RuntimeError: module must have its parameters and buffers on device cuda:0 (device_ids[0]) but found one of them on device: cpu
# pattern: parallel-wrap-before-placement
# shape: helper, loader-loop
# looks-like: parallel-wrap-before-placement
# cpu: clean
# needs: torch
import torch
import torch.nn as nn
from torch.utils.data import DataLoader, TensorDataset


def make_net(arch_width=64, num_classes=10):
    return nn.Sequential(
        nn.Conv2d(3, arch_width, 3, padding=1), nn.BatchNorm2d(arch_width), nn.ReLU(inplace=True),
        nn.MaxPool2d(2), nn.Conv2d(arch_width, arch_width, 3, padding=1), nn.ReLU(inplace=True),
        nn.AdaptiveAvgPool2d(1), nn.Flatten(), nn.Linear(arch_width, num_classes),
    )


def prepare(model, distributed_gpus):
    if distributed_gpus:
        model = torch.nn.DataParallel(model).cuda()
    return model


def run_epoch(model, loader, criterion, optimizer, use_gpu):
    model.train()
    for images, target in loader:
        if use_gpu:
            images = images.cuda(non_blocking=True)
            target = target.cuda(non_blocking=True)
        output = model(images)
        loss = criterion(output, target)
        optimizer.zero_grad()
        loss.backward()
        optimizer.step()
    return loss.item()


if __name__ == "__main__":
    use_gpu = torch.cuda.is_available()
    model = prepare(make_net(), distributed_gpus=use_gpu)
    criterion = nn.CrossEntropyLoss()
    if use_gpu:
        criterion = criterion.cuda()
    optimizer = torch.optim.SGD(model.parameters(), 0.1, momentum=0.9, weight_decay=1e-4)
    data = TensorDataset(torch.randn(32, 3, 32, 32), torch.randint(0, 10, (32,)))
    for epoch in range(2):
        print(epoch, run_epoch(model, DataLoader(data, batch_size=8), criterion, optimizer, use_gpu))

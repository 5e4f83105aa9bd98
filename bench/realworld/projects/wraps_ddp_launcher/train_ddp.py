# source: https://github.com/pytorch/pytorch/issues/100243
# error: ValueError: DistributedDataParallel device_ids and output_device arguments only work with single-device/multiple-device GPU modules or CPU modules, but got device_ids [0], output_device 0, and module parameters {device(type='cpu')}.
# pattern: parallel-wrap-before-placement
# shape: loader-loop
# bug-lines: 35, 36
# cpu: raises "DistributedDataParallel device_ids and output_device arguments only work"
# needs: torch
import argparse

import torch
from torch import nn
from torch.utils.data import DataLoader, TensorDataset
from torch.utils.data.distributed import DistributedSampler

from dist_utils import cleanup, is_main_process, setup_distributed, wrap_ddp
from net import build_model


def parse_opt():
    parser = argparse.ArgumentParser()
    parser.add_argument("--weights", default="")
    parser.add_argument("--num-classes", dest="num_classes", type=int, default=10)
    parser.add_argument("--epochs", type=int, default=1)
    parser.add_argument("--batch-size", dest="batch_size", type=int, default=8)
    return parser.parse_args()


def get_loader(opt):
    data = TensorDataset(torch.randn(64, 3, 32, 32), torch.randint(0, opt.num_classes, (64,)))
    return DataLoader(data, batch_size=opt.batch_size, sampler=DistributedSampler(data))


def main(opt):
    device = setup_distributed()
    model = build_model(opt)
    model = wrap_ddp(model)
    model.to(device)
    optimizer = torch.optim.SGD(model.parameters(), lr=0.05, momentum=0.9)
    criterion = nn.CrossEntropyLoss()
    loader = get_loader(opt)
    for epoch in range(opt.epochs):
        loader.sampler.set_epoch(epoch)
        for images, labels in loader:
            images, labels = images.to(device), labels.to(device)
            loss = criterion(model(images), labels)
            optimizer.zero_grad()
            loss.backward()
            optimizer.step()
        if is_main_process():
            print(f"epoch {epoch} loss {loss.item():.4f}")
    cleanup()


if __name__ == "__main__":
    main(parse_opt())

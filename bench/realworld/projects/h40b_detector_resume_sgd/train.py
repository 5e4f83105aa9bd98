# source: https://github.com/ultralytics/yolov3/issues/138
# error: RuntimeError: Expected all tensors to be on the same device, but found at least two devices, cuda:0 and cpu!
# pattern: optimizer-state-before-placement
# shape: multi-file, loader-loop
# bug-lines: 34
# needs: torch
# cpu: no written where torch was not installed; not run
"""Train (or --resume) the detector on one or more GPUs."""
import argparse

import torch
from torch.utils.data import DataLoader, TensorDataset

from checkpoint import resume, save_checkpoint
from model import TinyDarknet


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--epochs", type=int, default=30)
    parser.add_argument("--resume", action="store_true")
    parser.add_argument("--weights", default="weights/latest.pt")
    opt = parser.parse_args()

    device = torch.device("cuda:0")
    model = TinyDarknet()
    optimizer = torch.optim.SGD(model.parameters(), lr=1e-3, momentum=0.9, weight_decay=5e-4)
    start_epoch, best_loss = 0, float("inf")
    if opt.resume:
        start_epoch, best_loss = resume(opt.weights, model, optimizer)

    if torch.cuda.device_count() > 1:
        model = torch.nn.DataParallel(model)
    model.to(device)

    data = TensorDataset(torch.rand(256, 3, 416, 416), torch.rand(256, 3, 13, 13).round())
    loader = DataLoader(data, batch_size=16, shuffle=True)
    for epoch in range(start_epoch, opt.epochs):
        for imgs, targets in loader:
            imgs, targets = imgs.to(device), targets.to(device)
            core = model.module if hasattr(model, "module") else model
            loss = core.loss(model(imgs), targets)
            optimizer.zero_grad()
            loss.backward()
            optimizer.step()
        best_loss = min(best_loss, loss.item())
        save_checkpoint(opt.weights, epoch, model, optimizer, best_loss)


if __name__ == "__main__":
    main()

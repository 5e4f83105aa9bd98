# source: https://github.com/pytorch/examples/pull/1073
# error: RuntimeError: Expected all tensors to be on the same device, but found at least two devices, cuda:0 and cpu! (when checking argument for argument target in method wrapper_CUDA_nll_loss_forward)
# pattern: inputs-not-moved
# shape: helper, loader-loop, multi-file
# bug-lines: 37
# needs: torch
# cpu: no written where torch was not installed; not run
import time

import torch


class AverageMeter:
    def __init__(self, name):
        self.name = name
        self.sum = 0.0
        self.count = 0

    def update(self, val, n=1):
        self.sum += val * n
        self.count += n

    @property
    def avg(self):
        return self.sum / max(self.count, 1)


def train_one_epoch(train_loader, model, criterion, optimizer, epoch, device, print_freq=50):
    losses = AverageMeter("Loss")
    batch_time = AverageMeter("Time")
    model.train()
    end = time.time()
    for i, (images, target) in enumerate(train_loader):
        images = images.to(device, non_blocking=True)

        output = model(images)
        loss = criterion(output, target)

        optimizer.zero_grad()
        loss.backward()
        optimizer.step()

        losses.update(loss.item(), images.size(0))
        batch_time.update(time.time() - end)
        end = time.time()
        if i % print_freq == 0:
            print(f"Epoch [{epoch}][{i}/{len(train_loader)}] loss {losses.avg:.4f} time {batch_time.avg:.3f}")
    return losses.avg


@torch.no_grad()
def validate(val_loader, model, device):
    model.eval()
    correct, total = 0, 0
    for images, target in val_loader:
        images = images.to(device, non_blocking=True)
        target = target.to(device, non_blocking=True)
        pred = model(images).argmax(dim=1)
        correct += (pred == target).sum().item()
        total += target.numel()
    return 100.0 * correct / max(total, 1)

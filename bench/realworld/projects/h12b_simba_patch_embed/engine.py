# source: https://github.com/badripatro/simba/issues/15
# error: TypeError: expected TensorOptions(dtype=float, device=cpu, ...) (got TensorOptions(dtype=float, device=cuda:0, ...))
# pattern: legacy-tensor-constructor
# shape: multi-file, loader-loop
# needs: torch
# cpu: no written where torch was not installed; not run

import math
import sys

import torch


def train_one_epoch(model, criterion, data_loader, optimizer, device, epoch, max_norm=5.0):
    model.train()
    running = 0.0
    for it, (samples, targets) in enumerate(data_loader):
        samples = samples.to(device, non_blocking=True)
        targets = targets.to(device, non_blocking=True)

        outputs = model(samples)
        loss = criterion(outputs, targets)
        loss_value = loss.item()
        if not math.isfinite(loss_value):
            print(f"Loss is {loss_value}, stopping training")
            sys.exit(1)

        optimizer.zero_grad()
        loss.backward()
        torch.nn.utils.clip_grad_norm_(model.parameters(), max_norm)
        optimizer.step()

        running += loss_value
        if it % 100 == 0:
            print(f"Epoch [{epoch}] it {it}/{len(data_loader)} loss {running / (it + 1):.4f}")
    return running / max(len(data_loader), 1)


@torch.no_grad()
def evaluate(model, data_loader, device):
    model.eval()
    correct = total = 0
    for samples, targets in data_loader:
        samples = samples.to(device, non_blocking=True)
        targets = targets.to(device, non_blocking=True)
        preds = model(samples).argmax(dim=1)
        correct += (preds == targets).sum().item()
        total += targets.numel()
    return correct / max(total, 1)

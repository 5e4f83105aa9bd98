# source: https://github.com/raoyongming/DynamicViT/issues/44
# error: RuntimeError: Expected all tensors to be on the same device, but found at least two devices, cuda:0 and cuda:1! (when checking argument for argument index in method wrapper_scatter__value)
# pattern: current-gpu-mismatch
# shape: multi-file, helper, class
# needs: torch
# cpu: no written where torch was not installed; not run
import math
import sys

import torch


def train_one_epoch(model, criterion, data_loader, optimizer, device, epoch,
                    mixup_fn=None, max_norm=0.0, print_freq=50):
    model.train()
    running = 0.0
    for step, (samples, targets) in enumerate(data_loader):
        samples = samples.to(device, non_blocking=True)
        targets = targets.to(device, non_blocking=True)
        if mixup_fn is not None:
            samples, targets = mixup_fn(samples, targets)
        with torch.autocast(device_type=device.type, dtype=torch.bfloat16):
            outputs = model(samples)
            loss = criterion(outputs, targets)
        if not math.isfinite(loss.item()):
            print(f"Loss is {loss.item()}, stopping training")
            sys.exit(1)
        optimizer.zero_grad()
        loss.backward()
        if max_norm > 0:
            torch.nn.utils.clip_grad_norm_(model.parameters(), max_norm)
        optimizer.step()
        running += loss.item()
        if step % print_freq == 0:
            print(f"epoch {epoch} [{step}/{len(data_loader)}] loss {loss.item():.4f}")
    return running / max(len(data_loader), 1)

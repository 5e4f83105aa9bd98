# The batch's entries are put on the GPU with .cuda() only where a GPU is there, as
# the model and the loss are: the run without one keeps everything on the CPU.
import torch
from torch import nn


def to_device(batch):
    if torch.cuda.is_available():
        batch["image"] = batch["image"].cuda(non_blocking=True)
        batch["target"] = batch["target"].cuda(non_blocking=True)
    return batch


def evaluate(net, loader):
    criterion = nn.CrossEntropyLoss()
    if torch.cuda.is_available():
        net.cuda()
        criterion.cuda()
    total = 0.0
    with torch.no_grad():
        for batch in loader:
            batch = to_device(batch)
            total += criterion(net(batch["image"]), batch["target"]).item()
    return total

# source: https://github.com/Daniil-Osokin/lightweight-human-pose-estimation.pytorch/issues/208 https://github.com/microsoft/Cream/issues/2
# error: RuntimeError: Expected all tensors to be on the same device, but found at least two devices, cuda:0 and cpu!
# pattern: stale-alias
# shape: multi-file, helper
# cpu: clean
# needs: torch
import os

import torch


def save_checkpoint(path, net, optimizer, scheduler, epoch, iteration):
    os.makedirs(os.path.dirname(path), exist_ok=True)
    torch.save({"state_dict": net.state_dict(), "optimizer": optimizer.state_dict(),
                "scheduler": scheduler.state_dict(), "epoch": epoch, "iter": iteration}, path)


def load_checkpoint(path, net, optimizer=None, scheduler=None, weights_only=False):
    """Restore a training state; tensors come back on the CPU, wherever they were saved."""
    checkpoint = torch.load(path, map_location="cpu")
    net.load_state_dict(checkpoint["state_dict"])
    if weights_only:
        return 0, 0
    optimizer.load_state_dict(checkpoint["optimizer"])
    scheduler.load_state_dict(checkpoint["scheduler"])
    return checkpoint["epoch"], checkpoint["iter"]

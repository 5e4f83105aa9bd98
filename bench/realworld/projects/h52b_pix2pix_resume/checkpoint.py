# source: https://github.com/jwyang/faster-rcnn.pytorch/issues/325
# error: RuntimeError: Expected all tensors to be on the same device, but found at least two devices, cuda:0 and cpu!
# pattern: optimizer-state-before-placement
# shape: multi-file, helper
# needs: torch
# cpu: no written where torch was not installed; not run
import os

import torch


def save_checkpoint(path, epoch, netG, netD, optG, optD):
    os.makedirs(os.path.dirname(path) or ".", exist_ok=True)
    torch.save({
        "epoch": epoch,
        "netG": netG.state_dict(),
        "netD": netD.state_dict(),
        "optG": optG.state_dict(),
        "optD": optD.state_dict(),
    }, path)


def resume_from(path, netG, netD, optG, optD):
    ckpt = torch.load(path, map_location="cpu")
    netG.load_state_dict(ckpt["netG"])
    netD.load_state_dict(ckpt["netD"])
    optG.load_state_dict(ckpt["optG"])
    optD.load_state_dict(ckpt["optD"])
    print(f"resumed from {path} (epoch {ckpt['epoch']})")
    return ckpt["epoch"] + 1

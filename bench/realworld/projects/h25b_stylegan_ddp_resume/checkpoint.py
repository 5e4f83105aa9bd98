# source: https://github.com/rosinality/stylegan2-pytorch/issues/36 https://github.com/rosinality/stylegan2-pytorch/pull/31
# error: torch.cuda.OutOfMemoryError: CUDA out of memory (every rank deserializes the checkpoint onto cuda:0, the device it was saved from)
# pattern: torch-load-map-location
# shape: helper, multi-file
# bug-lines: 37
# needs: torch
# cpu: no written where torch was not installed; not run
"""Checkpoint helpers shared by train.py and the sampling scripts."""
import os

import torch


def latest_checkpoint(ckpt_dir):
    if not os.path.isdir(ckpt_dir):
        return None
    files = sorted(f for f in os.listdir(ckpt_dir) if f.endswith(".pt"))
    return os.path.join(ckpt_dir, files[-1]) if files else None


def save_checkpoint(path, step, generator, discriminator, g_ema, g_optim, d_optim):
    torch.save(
        {
            "step": step,
            "g": generator.state_dict(),
            "d": discriminator.state_dict(),
            "g_ema": g_ema.state_dict(),
            "g_optim": g_optim.state_dict(),
            "d_optim": d_optim.state_dict(),
        },
        path,
    )


def restore_checkpoint(path, generator, discriminator, g_ema, g_optim, d_optim):
    print(f"load model: {path}")
    ckpt = torch.load(path)
    generator.load_state_dict(ckpt["g"])
    discriminator.load_state_dict(ckpt["d"])
    g_ema.load_state_dict(ckpt["g_ema"])
    g_optim.load_state_dict(ckpt["g_optim"])
    d_optim.load_state_dict(ckpt["d_optim"])
    return ckpt["step"] + 1

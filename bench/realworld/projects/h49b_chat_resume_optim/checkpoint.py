# source: https://github.com/pytorch/pytorch/pull/3463
# error: RuntimeError: Tensors of the same index must be on the same device and the same dtype except `step` tensors that can be CPU and float32 notwithstanding
# pattern: optimizer-state-before-placement
# shape: multi-file, helper
# bug-lines: 31
# needs: torch
# cpu: no written where torch was not installed; not run
"""Save / restore of chatbot training state (model, optimizer, vocab, progress)."""
import os

import torch


def save(path, model, optimizer, epoch, iteration, vocab):
    os.makedirs(os.path.dirname(path) or ".", exist_ok=True)
    torch.save({
        "model": model.state_dict(),
        "optimizer": optimizer.state_dict(),
        "epoch": epoch,
        "iteration": iteration,
        "vocab": vocab,
    }, path)


def restore(path, model, optimizer):
    """Loads everything onto the CPU first so a GPU checkpoint opens anywhere."""
    if not path or not os.path.exists(path):
        return 0, 0, None
    ckpt = torch.load(path, map_location="cpu")
    model.load_state_dict(ckpt["model"])
    optimizer.load_state_dict(ckpt["optimizer"])
    print(f"resumed from {path} (epoch {ckpt['epoch']}, iteration {ckpt['iteration']})")
    return ckpt["epoch"], ckpt["iteration"], ckpt["vocab"]

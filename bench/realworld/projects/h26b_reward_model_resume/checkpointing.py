# source: https://github.com/pytorch/pytorch/issues/111123 https://github.com/huggingface/transformers/issues/24708
# error: RuntimeError: Tensors of the same index must be on the same device and the same dtype except `step` tensors that can be CPU and float32/64 notwithstanding
# pattern: optimizer-state-before-placement
# shape: multi-file, helper
# bug-lines: 35
# needs: torch
# cpu: no written where torch was not installed; not run
import glob
import os

import torch


def latest_checkpoint(output_dir):
    paths = sorted(glob.glob(os.path.join(output_dir, "step_*.pt")),
                   key=lambda p: int(p.rsplit("_", 1)[1].split(".")[0]))
    return paths[-1] if paths else None


def save_training_state(path, model, optimizer, scheduler, step):
    torch.save(
        {
            "model": model.state_dict(),
            "optimizer": optimizer.state_dict(),
            "scheduler": scheduler.state_dict(),
            "step": step,
        },
        path,
    )


def load_training_state(path, model, optimizer, scheduler):
    state = torch.load(path, map_location="cpu")
    model.load_state_dict(state["model"])
    optimizer.load_state_dict(state["optimizer"])
    scheduler.load_state_dict(state["scheduler"])
    return state["step"]

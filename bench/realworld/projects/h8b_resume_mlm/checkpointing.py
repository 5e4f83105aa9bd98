# source: https://github.com/huggingface/transformers/issues/4240
# error: RuntimeError: expected device cpu but got device cuda:0
# pattern: optimizer-state-before-placement
# shape: multi-file, helper
# bug-lines: 31
# needs: torch
# cpu: no written where torch was not installed; not run
import os

import torch


def save_checkpoint(output_dir, model, optimizer, scheduler, global_step):
    ckpt_dir = os.path.join(output_dir, f"checkpoint-{global_step}")
    os.makedirs(ckpt_dir, exist_ok=True)
    torch.save(
        {
            "model": model.state_dict(),
            "optimizer": optimizer.state_dict(),
            "scheduler": scheduler.state_dict(),
            "global_step": global_step,
        },
        os.path.join(ckpt_dir, "training_state.pt"),
    )
    return ckpt_dir


def load_checkpoint(ckpt_dir, model, optimizer, scheduler):
    state = torch.load(os.path.join(ckpt_dir, "training_state.pt"), map_location="cpu")
    model.load_state_dict(state["model"])
    optimizer.load_state_dict(state["optimizer"])
    scheduler.load_state_dict(state["scheduler"])
    return state["global_step"]

# source: https://github.com/LoganBooker/prodigy-plus-schedule-free/issues/11
# error: RuntimeError: Expected all tensors to be on the same device, but found at least two devices, cuda:0 and cpu!
# pattern: optimizer-state-before-placement
# shape: multi-file, helper, loader-loop
# bug-lines: 27
# needs: torch
# cpu: no written where torch was not installed; not run

import os

import torch


def save_train_state(output_dir, network, optimizer, step):
    os.makedirs(output_dir, exist_ok=True)
    torch.save(
        {"network": network.state_dict(), "optimizer": optimizer.state_dict(), "step": step},
        os.path.join(output_dir, f"state-{step:06d}.pt"),
    )


def load_train_state(path, network, optimizer):
    state = torch.load(path, map_location="cpu")
    missing, unexpected = network.load_state_dict(state["network"], strict=False)
    if unexpected:
        print(f"unexpected keys in {path}: {unexpected[:5]}")
    optimizer.load_state_dict(state["optimizer"])
    print(f"resumed from {path} at step {state['step']}")
    return state["step"]

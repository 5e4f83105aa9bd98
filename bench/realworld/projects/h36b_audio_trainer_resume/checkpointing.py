# source: https://github.com/autrainer/autrainer/pull/146
# error: RuntimeError: Expected all tensors to be on the same device, but found at least two devices, cuda:0 and cpu!
# pattern: optimizer-state-before-placement
# shape: multi-file, helper
# needs: torch
# cpu: no written where torch was not installed; not run
import torch


def load_pretrained_model_state(model, path, skip_last_layer=True):
    state = torch.load(path, map_location="cpu", weights_only=True)
    if skip_last_layer:
        last = [k for k in state if k.startswith("classifier.")]
        for key in last:
            state.pop(key)
    model.load_state_dict(state, strict=not skip_last_layer)


def load_pretrained_optim_state(optimizer, path, skip_last_layer=True):
    state = torch.load(path, map_location="cpu", weights_only=True)
    if skip_last_layer:
        keys = list(state["state"].keys())
        for key in keys[-2:]:  # classifier weight + bias
            state["state"].pop(key, None)
    optimizer.load_state_dict(state)


def save_states(model, optimizer, out_dir):
    torch.save(model.state_dict(), f"{out_dir}/model.pt")
    torch.save(optimizer.state_dict(), f"{out_dir}/optimizer.pt")

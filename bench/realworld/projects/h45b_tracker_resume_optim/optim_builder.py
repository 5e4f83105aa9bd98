# source: https://github.com/megvii-research/video_analyst/issues/85
# error: RuntimeError: Expected all tensors to be on the same device, but found at least two devices, cuda:0 and cpu!
# pattern: optimizer-state-before-placement
# shape: multi-file, class, helper, batch-dict, loader-loop
# bug-lines: 30
# needs: torch
# cpu: no written where torch was not installed; not run
import torch


def _param_groups(model, cfg):
    backbone, head = [], []
    for name, p in model.named_parameters():
        if not p.requires_grad:
            continue
        (backbone if name.startswith("backbone") else head).append(p)
    return [
        {"params": backbone, "lr": cfg["lr"] * cfg.get("backbone_lr_mult", 0.1)},
        {"params": head, "lr": cfg["lr"]},
    ]


def build(cfg, model):
    optimizer = torch.optim.SGD(_param_groups(model, cfg), lr=cfg["lr"],
                                momentum=cfg["momentum"], weight_decay=cfg["weight_decay"])
    resume = cfg.get("resume")
    if resume:
        snapshot = torch.load(resume, map_location="cpu")
        model.load_state_dict(snapshot["model_state_dict"])
        optimizer.load_state_dict(snapshot["optimizer_state_dict"])
        print("resumed from epoch", snapshot["epoch"])
    return optimizer

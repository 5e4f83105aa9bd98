# source: https://github.com/facebookresearch/VMZ/issues/124
# error: ValueError: DistributedDataParallel device_ids and output_device arguments only work with single-device/multiple-device GPU modules or CPU modules, but got device_ids [0], output_device None, and module parameters {device(type='cuda', index=0), device(type='cpu')}.
# pattern: module-added-after-placement
# shape: multi-file, helper
# bug-lines: 27
# needs: torch, torchvision
# cpu: no written where torch was not installed; not run
"""Backbone construction for face anti-spoofing (live vs. print/replay attack)."""
import torch
from torch import nn
from torchvision.models import resnet50


def build_backbone(pretrained_ckpt=None):
    net = resnet50(weights=None)
    if pretrained_ckpt is not None:
        state = torch.load(pretrained_ckpt, map_location="cpu")
        state = state.get("model", state)
        missing, unexpected = net.load_state_dict(state, strict=False)
        print(f"loaded {pretrained_ckpt}: {len(missing)} missing, {len(unexpected)} unexpected keys")
    return net


def replace_head(net, num_classes=2, dropout=0.3):
    """Swap the ImageNet classifier for a live/spoof head."""
    in_features = net.fc.in_features
    net.fc = nn.Sequential(nn.Dropout(dropout), nn.Linear(in_features, num_classes))
    return net


def param_groups(net, base_lr, head_lr):
    head = list(net.fc.parameters())
    head_ids = {id(p) for p in head}
    body = [p for p in net.parameters() if id(p) not in head_ids]
    return [{"params": body, "lr": base_lr}, {"params": head, "lr": head_lr}]

# source: https://github.com/duyhominhnguyen/LVM-Med/issues/10
# error: RuntimeError: Attempting to deserialize object on CUDA device 3 but torch.cuda.device_count() is 1. Please use torch.load with map_location to map your storages to an existing device.
# pattern: torch-load-map-location
# shape: multi-file, helper
# bug-lines: 30
# needs: torch, segment_anything
# cpu: no written where torch was not installed; not run
"""Registry of SAM backbones fine-tuned with LVM-Med self-supervised weights."""
from functools import partial

import torch
from segment_anything.build_sam import build_sam_vit_b, build_sam_vit_h, build_sam_vit_l

_BASE_BUILDERS = {
    "vit_b": build_sam_vit_b,
    "vit_l": build_sam_vit_l,
    "vit_h": build_sam_vit_h,
}


def _strip_prefix(state_dict, prefix="module."):
    return {k[len(prefix):] if k.startswith(prefix) else k: v for k, v in state_dict.items()}


def build_lvm_sam(model_type, checkpoint=None):
    sam = _BASE_BUILDERS[model_type](checkpoint=None)
    if checkpoint is None:
        return sam
    with open(checkpoint, "rb") as f:
        state = torch.load(f)
    if "model" in state:
        state = state["model"]
    missing, unexpected = sam.load_state_dict(_strip_prefix(state), strict=False)
    if missing:
        print(f"[lvm-med] {len(missing)} keys kept from the base SAM initialisation")
    return sam


sam_model_registry = {
    "vit_b": partial(build_lvm_sam, "vit_b"),
    "vit_l": partial(build_lvm_sam, "vit_l"),
    "vit_h": partial(build_lvm_sam, "vit_h"),
}

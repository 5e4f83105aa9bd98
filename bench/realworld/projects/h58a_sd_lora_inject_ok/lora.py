# source: https://github.com/vladmandic/sdnext/issues/971
# error: RuntimeError: Expected all tensors to be on the same device, but found at least two devices, cuda:0 and cpu! (when checking argument for argument mat2 in method wrapper_CUDA_mm)
# pattern: adapter-after-placement
# shape: multi-file, helper, class
# looks-like: adapter-after-placement
# needs: torch, safetensors
# cpu: no written where torch was not installed; not run

import torch
import torch.nn as nn
from safetensors.torch import load_file

TARGETS = ("to_q", "to_k", "to_v", "to_out.0")


class LoRALinear(nn.Module):
    def __init__(self, base: nn.Linear, rank=4, alpha=4.0):
        super().__init__()
        self.base = base
        self.down = nn.Linear(base.in_features, rank, bias=False)
        self.up = nn.Linear(rank, base.out_features, bias=False)
        nn.init.normal_(self.down.weight, std=1.0 / rank)
        nn.init.zeros_(self.up.weight)
        self.scale = alpha / rank
        self.multiplier = 1.0

    def forward(self, x):
        return self.base(x) + self.up(self.down(x)) * (self.scale * self.multiplier)


def inject_lora(unet, rank=4):
    injected = {}
    for parent_name, parent in list(unet.named_modules()):
        for child_name, child in list(parent.named_children()):
            full_name = f"{parent_name}.{child_name}" if parent_name else child_name
            if isinstance(child, nn.Linear) and "attn" in full_name and full_name.endswith(TARGETS):
                wrapped = LoRALinear(child, rank=rank, alpha=float(rank))
                setattr(parent, child_name, wrapped)
                injected[full_name] = wrapped
    return injected


@torch.no_grad()
def load_lora_weights(injected, path, multiplier=1.0):
    state = load_file(path)
    for name, module in injected.items():
        key = "lora_unet_" + name.replace(".", "_")
        module.down.weight.copy_(state[f"{key}.lora_down.weight"])
        module.up.weight.copy_(state[f"{key}.lora_up.weight"])
        module.multiplier = multiplier
    return len(injected)


def set_multiplier(injected, multiplier):
    for module in injected.values():
        module.multiplier = multiplier

# source: https://github.com/huggingface/diffusers/issues/11791
# error: RuntimeError: Expected all tensors to be on the same device, but found at least two devices, cuda:0 and cpu!
# pattern: adapter-after-placement
# shape: multi-file, class, helper
# needs: torch
# cpu: no written where torch was not installed; not run
"""Minimal LoRA wrapper used by the distillation scripts (no peft dependency)."""
import math

import torch
import torch.nn as nn


class LoRALinear(nn.Module):
    def __init__(self, base: nn.Linear, r=8, alpha=16, dropout=0.05):
        super().__init__()
        self.base = base
        self.r = r
        self.scaling = alpha / r
        self.lora_A = nn.Parameter(torch.empty(r, base.in_features))
        self.lora_B = nn.Parameter(torch.zeros(base.out_features, r))
        nn.init.kaiming_uniform_(self.lora_A, a=math.sqrt(5))
        self.dropout = nn.Dropout(dropout)

    def forward(self, x):
        out = self.base(x)
        update = self.dropout(x) @ self.lora_A.t() @ self.lora_B.t()
        return out + update * self.scaling

    @torch.no_grad()
    def merge(self):
        self.base.weight += (self.lora_B @ self.lora_A) * self.scaling
        return self.base


def inject_lora(model, targets=("q_proj", "v_proj"), r=8, alpha=16, dropout=0.05):
    replaced = 0
    for _, parent in list(model.named_modules()):
        for child_name, child in list(parent.named_children()):
            if child_name in targets and isinstance(child, nn.Linear):
                setattr(parent, child_name, LoRALinear(child, r=r, alpha=alpha, dropout=dropout))
                replaced += 1
    if replaced == 0:
        raise ValueError(f"no Linear layers named {targets} found")
    return model


def lora_parameters(model):
    return [p for n, p in model.named_parameters() if "lora_" in n]


def lora_state_dict(model):
    return {n: p.detach().cpu() for n, p in model.named_parameters() if "lora_" in n}

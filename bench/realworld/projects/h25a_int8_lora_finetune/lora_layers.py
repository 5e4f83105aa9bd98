# source: https://github.com/adapter-hub/adapters/issues/573 https://github.com/adapter-hub/adapters/issues/100
# error: RuntimeError: Expected all tensors to be on the same device, but found at least two devices, cpu and cuda:0! (when checking argument for argument mat1 in method wrapper_addmm)
# pattern: adapter-after-placement
# shape: multi-file, helper, loader-loop
# needs: torch
# cpu: no written where torch was not installed; not run

import math

import torch
import torch.nn as nn


class LoRALinear(nn.Module):
    """Wraps a (possibly 8-bit) linear layer with a trainable low-rank update."""

    def __init__(self, base, r=8, alpha=16, dropout=0.05):
        super().__init__()
        self.base = base
        self.r = r
        self.scaling = alpha / r
        self.dropout = nn.Dropout(dropout)
        self.lora_A = nn.Parameter(torch.empty(r, base.in_features))
        self.lora_B = nn.Parameter(torch.zeros(base.out_features, r))
        nn.init.kaiming_uniform_(self.lora_A, a=math.sqrt(5))

    def forward(self, x):
        result = self.base(x)
        h = self.dropout(x).to(self.lora_A.dtype)
        update = nn.functional.linear(nn.functional.linear(h, self.lora_A), self.lora_B)
        return result + (update * self.scaling).to(result.dtype)


def add_lora_adapters(model, target_modules, r=8, alpha=16, dropout=0.05):
    for param in model.parameters():
        param.requires_grad = False
    for name, module in list(model.named_modules()):
        for child_name, child in list(module.named_children()):
            if child_name in target_modules and hasattr(child, "in_features"):
                setattr(module, child_name, LoRALinear(child, r=r, alpha=alpha, dropout=dropout))
    for name, param in model.named_parameters():
        if "lora_" in name or name.startswith("classifier"):
            param.requires_grad = True
    return model

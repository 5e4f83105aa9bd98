# source: https://github.com/huggingface/peft/pull/583
# error: RuntimeError: Expected all tensors to be on the same device, but found at least two devices, cuda:0 and cpu!
# pattern: adapter-after-placement
# shape: multi-file, helper
# needs: torch
# cpu: no written where torch was not installed; not run
import math

import torch
import torch.nn as nn


class LoRALinear(nn.Module):
    def __init__(self, base: nn.Linear, r: int = 8, alpha: int = 16, dropout: float = 0.05):
        super().__init__()
        self.base = base
        self.lora_A = nn.Linear(base.in_features, r, bias=False)
        self.lora_B = nn.Linear(r, base.out_features, bias=False)
        self.dropout = nn.Dropout(dropout)
        self.register_buffer("ranknum", torch.tensor(float(r)))
        self.alpha = alpha
        nn.init.kaiming_uniform_(self.lora_A.weight, a=math.sqrt(5))
        nn.init.zeros_(self.lora_B.weight)

    def forward(self, x):
        delta = self.lora_B(self.lora_A(self.dropout(x)))
        return self.base(x) + delta * (self.alpha / self.ranknum)


def inject_lora(model: nn.Module, target_names=("q_proj", "v_proj"), r=8, alpha=16):
    for p in model.parameters():
        p.requires_grad_(False)
    targets = [(n, m) for n, m in model.named_modules()
               if isinstance(m, nn.Linear) and n.split(".")[-1] in target_names]
    for name, module in targets:
        parent_name, child_name = name.rsplit(".", 1)
        parent = model.get_submodule(parent_name)
        setattr(parent, child_name, LoRALinear(module, r=r, alpha=alpha))
    return sum(p.numel() for p in model.parameters() if p.requires_grad)

# source: https://github.com/ViperEkura/AstrAI/pull/20
# error: RuntimeError: Expected all tensors to be on the same device, but found at least two devices, cuda:0 and cpu!
# pattern: adapter-after-placement
# shape: class, helper
# bug-lines: 23, 24
# cpu: no library module (run train.py)
# needs: torch
"""LoRA layers and the injection helper."""
import math

import torch
from torch import nn


class LoRALinear(nn.Module):
    def __init__(self, base: nn.Linear, rank: int = 8, alpha: float = 16.0, dropout: float = 0.0):
        super().__init__()
        self.base = base
        for p in self.base.parameters():
            p.requires_grad_(False)
        self.scaling = alpha / rank
        self.dropout = nn.Dropout(dropout)
        self.lora_A = nn.Parameter(torch.randn(rank, base.in_features) / math.sqrt(rank))
        self.lora_B = nn.Parameter(torch.zeros(base.out_features, rank))

    def forward(self, x):
        return self.base(x) + (self.dropout(x) @ self.lora_A.t() @ self.lora_B.t()) * self.scaling

    @torch.no_grad()
    def merge(self) -> nn.Linear:
        self.base.weight += (self.lora_B @ self.lora_A) * self.scaling
        return self.base


def inject_lora(model: nn.Module, target_modules=("q_proj", "v_proj"), rank=8, alpha=16.0):
    replaced = 0
    for module in list(model.modules()):
        for name, child in list(module.named_children()):
            if name in target_modules and isinstance(child, nn.Linear):
                setattr(module, name, LoRALinear(child, rank=rank, alpha=alpha))
                replaced += 1
    if replaced == 0:
        raise ValueError(f"no modules matched {target_modules}")
    return model


def lora_state_dict(model: nn.Module):
    return {k: v for k, v in model.state_dict().items() if "lora_" in k}

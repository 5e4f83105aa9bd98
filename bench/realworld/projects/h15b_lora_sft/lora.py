# source: https://github.com/ViperEkura/AstrAI/pull/18 https://github.com/invoke-ai/invoke-training/pull/2
# error: RuntimeError: Expected all tensors to be on the same device, but found at least two devices, cuda:0 and cpu! (when checking argument for argument mat2 in method wrapper_CUDA_mm)
# pattern: adapter-after-placement
# shape: multi-file, helper, class
# needs: torch
# cpu: no written where torch was not installed; not run
import math

import torch
import torch.nn as nn


class LoRALinear(nn.Module):
    """Wraps a frozen nn.Linear and adds a trainable low-rank update."""

    def __init__(self, base: nn.Linear, rank: int = 8, alpha: float = 16.0):
        super().__init__()
        self.base = base
        self.rank = rank
        self.scaling = alpha / rank
        self.lora_A = nn.Parameter(torch.empty(rank, base.in_features))
        self.lora_B = nn.Parameter(torch.zeros(base.out_features, rank))
        nn.init.kaiming_uniform_(self.lora_A, a=math.sqrt(5))
        for p in self.base.parameters():
            p.requires_grad = False

    def forward(self, x):
        out = self.base(x)
        delta = (x @ self.lora_A.t()) @ self.lora_B.t()
        return out + delta * self.scaling


def inject_lora(model: nn.Module, target_names=("q_proj", "v_proj"), rank=8, alpha=16.0):
    """Replace every nn.Linear whose attribute name is in target_names."""
    replaced = 0
    for parent in list(model.modules()):
        for name, child in list(parent.named_children()):
            if isinstance(child, nn.Linear) and name in target_names:
                setattr(parent, name, LoRALinear(child, rank=rank, alpha=alpha))
                replaced += 1
    return replaced


def lora_parameters(model: nn.Module):
    return [p for n, p in model.named_parameters() if "lora_" in n]

# source: https://github.com/metatensor/metatrain/pull/672
# error: RuntimeError: Expected all tensors to be on the same device, but found at least two devices, cuda:0 and cpu! (when checking argument for argument mat2 in method wrapper_CUDA_mm)
# pattern: adapter-after-placement
# shape: multi-file, helper
# bug-lines: 41
# needs: torch
# cpu: no written where torch was not installed; not run
"""Fine-tuning strategies for the atomistic transformer: LoRA injection or head-only training."""
import logging
import math
from typing import Any, Dict, Iterable

import torch
import torch.nn as nn

logger = logging.getLogger(__name__)


class LoRALinear(nn.Module):
    """Frozen linear layer plus a trainable low-rank update  W x + (alpha / r) B A x."""

    def __init__(self, base: nn.Linear, rank: int = 4, alpha: float = 8.0):
        super().__init__()
        self.base = base
        self.scaling = alpha / rank
        self.lora_A = nn.Parameter(torch.randn(rank, base.in_features) / math.sqrt(rank))
        self.lora_B = nn.Parameter(torch.zeros(base.out_features, rank))

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        update = (x @ self.lora_A.t()) @ self.lora_B.t()
        return self.base(x) + self.scaling * update


def inject_lora_layers(model: nn.Module, target_modules: Iterable[str], rank: int, alpha: float):
    targets = set(target_modules)
    replaced = 0
    for module in list(model.modules()):
        for attr in targets:
            linear = getattr(module, attr, None)
            if isinstance(linear, nn.Linear):
                setattr(module, attr, LoRALinear(linear, rank=rank, alpha=alpha))
                replaced += 1
    logger.info("injected LoRA into %d linear layers", replaced)
    return model


def apply_finetuning_strategy(model: nn.Module, strategy: Dict[str, Any]) -> nn.Module:
    method = strategy["method"].lower()
    for param in model.parameters():
        param.requires_grad = False

    if method == "lora":
        cfg = strategy.get("config", {})
        model = inject_lora_layers(
            model,
            cfg.get("target_modules", ["input_linear", "output_linear"]),
            rank=cfg.get("rank", 4),
            alpha=cfg.get("alpha", 8.0),
        )
        for name, param in model.named_parameters():
            if "lora_" in name:
                param.requires_grad = True
    elif method == "heads":
        for name, param in model.named_parameters():
            if name.startswith("heads.") or name.startswith("last_layers."):
                param.requires_grad = True
    else:
        raise ValueError(f"unknown fine-tuning method {method!r}")

    model.finetune_config = strategy
    return model

# source: https://github.com/Tencent/AngelSlim/issues/147
# error: RuntimeError: expected mat1 and mat2 to have the same dtype, but got: c10::BFloat16 != c10::Half
# pattern: input-dtype-mismatch
# shape: multi-file, helper, batch-dict, loader-loop
# bug-lines: 26
# needs: torch, safetensors
# cpu: no written where torch was not installed; not run
"""Load only the frozen lm_head of the target model for offline EAGLE-3 training."""
import json
import os

import torch
import torch.nn as nn
from safetensors import safe_open


def load_target_head(model_dir, device, dtype=torch.float16):
    with open(os.path.join(model_dir, "model.safetensors.index.json")) as f:
        shard = json.load(f)["weight_map"]["lm_head.weight"]
    with safe_open(os.path.join(model_dir, shard), framework="pt") as f:
        weight = f.get_tensor("lm_head.weight")
    vocab_size, hidden_size = weight.shape
    head = nn.Linear(hidden_size, vocab_size, bias=False)
    with torch.no_grad():
        head.weight.copy_(weight)
    head = head.to(device=device, dtype=dtype)
    head.requires_grad_(False)
    return head

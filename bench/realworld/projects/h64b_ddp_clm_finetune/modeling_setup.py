# source: https://github.com/huggingface/transformers/issues/9243
# error: ValueError: DistributedDataParallel device_ids and output_device arguments only work with single-device/multiple-device GPU modules or CPU modules, but got device_ids [2], output_device 2, and module parameters {device(type='cpu')}.
# pattern: parallel-wrap-before-placement
# shape: multi-file, helper
# bug-lines: 22
# needs: torch, transformers
# cpu: no written where torch was not installed; not run
import torch
from torch.nn.parallel import DistributedDataParallel as DDP
from transformers import AutoModelForCausalLM


def load_causal_lm(name_or_path, gradient_checkpointing=False):
    model = AutoModelForCausalLM.from_pretrained(name_or_path, torch_dtype=torch.float32)
    model.config.use_cache = not gradient_checkpointing
    if gradient_checkpointing:
        model.gradient_checkpointing_enable()
    return model


def wrap_for_training(model, local_rank):
    return DDP(model, device_ids=[local_rank], output_device=local_rank, find_unused_parameters=False)


def param_groups(model, weight_decay=0.01):
    decay, no_decay = [], []
    for n, p in model.named_parameters():
        if not p.requires_grad:
            continue
        (no_decay if p.ndim < 2 or "ln" in n or "norm" in n else decay).append(p)
    return [{"params": decay, "weight_decay": weight_decay}, {"params": no_decay, "weight_decay": 0.0}]

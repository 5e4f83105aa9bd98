# source: https://github.com/wenet-e2e/wekws/pull/141
# error: RuntimeError: "nll_loss_forward_reduce_cuda_kernel_2d_index" not implemented for 'Int'
# pattern: loss-target-dtype
# shape: loader-loop, batch-dict, helper, multi-file
# bug-lines: 19
# needs: torch
# cpu: no written where torch was not installed; not run
"""Utterance-level and frame-level losses for keyword spotting."""
import torch
import torch.nn.functional as F


def accuracy(logits: torch.Tensor, target: torch.Tensor) -> float:
    pred = logits.argmax(dim=-1)
    return (pred == target).float().mean().item()


def cross_entropy(logits: torch.Tensor, target: torch.Tensor):
    loss = F.cross_entropy(logits, target)
    return loss, accuracy(logits, target)


def max_pooling_loss(logits, target, lengths):
    probs = logits.sigmoid()
    mask = torch.arange(probs.size(1), device=probs.device)[None, :] < lengths[:, None]
    probs = probs.masked_fill(~mask[..., None], 0.0)
    pooled = probs.max(dim=1).values
    one_hot = F.one_hot(target.long(), pooled.size(-1)).float()
    loss = F.binary_cross_entropy(pooled.clamp(1e-6, 1 - 1e-6), one_hot)
    return loss, accuracy(pooled, target)


def criterion(kind, logits, target, lengths):
    if kind == "ce":
        return cross_entropy(logits, target)
    if kind == "max_pooling":
        return max_pooling_loss(logits, target, lengths)
    raise ValueError(f"unknown criterion {kind}")

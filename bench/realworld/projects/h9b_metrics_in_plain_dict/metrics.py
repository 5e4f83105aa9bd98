# source: https://github.com/Lightning-AI/pytorch-lightning/issues/4408
# error: RuntimeError: Trying to pass too many CPU scalars to CUDA kernel!
# pattern: module-in-plain-container
# shape: multi-file, class
# needs: torch
# cpu: no written where torch was not installed; not run
"""Stateful classification metrics; their counters are buffers so they follow .to(device)."""
import torch
import torch.nn as nn


class RunningAccuracy(nn.Module):
    def __init__(self, top_k=1):
        super().__init__()
        self.top_k = top_k
        self.register_buffer("correct", torch.tensor(0.0))
        self.register_buffer("total", torch.tensor(0.0))

    def update(self, logits, target):
        topk = logits.topk(self.top_k, dim=1).indices
        self.correct += torch.sum(topk.eq(target.unsqueeze(1)).any(dim=1))
        self.total += target.numel()

    def compute(self):
        return (self.correct / self.total.clamp(min=1.0)).item()

    def reset(self):
        self.correct.zero_()
        self.total.zero_()


class MacroRecall(nn.Module):
    def __init__(self, num_classes):
        super().__init__()
        self.num_classes = num_classes
        self.register_buffer("hits", torch.zeros(num_classes))
        self.register_buffer("support", torch.zeros(num_classes))

    def update(self, logits, target):
        preds = logits.argmax(dim=1)
        self.hits += torch.bincount(target[preds == target], minlength=self.num_classes)
        self.support += torch.bincount(target, minlength=self.num_classes)

    def compute(self):
        seen = self.support > 0
        return (self.hits[seen] / self.support[seen]).mean().item()

    def reset(self):
        self.hits.zero_()
        self.support.zero_()

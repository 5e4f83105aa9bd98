# source: https://github.com/Lightning-AI/pytorch-lightning/issues/8775
# error: RuntimeError: Expected all tensors to be on the same device, but found at least two devices, cuda:0 and cpu!
# pattern: module-in-plain-container
# shape: multi-file, class
# looks-like: module-in-plain-container
# needs: torch
# cpu: no written where torch was not installed; not run
"""Shared text encoder with one head per task."""
import torch.nn as nn

from heads import LOSS_FNS, METRIC_FNS, TaskHead


class MultiTaskNet(nn.Module):
    def __init__(self, task_specs, vocab_size=32000, dim=384):
        super().__init__()
        self.task_specs = dict(task_specs)          # name -> {"kind": ..., "out_dim": ...}
        self.task_names = list(self.task_specs)
        self.embed = nn.EmbeddingBag(vocab_size, dim, mode="mean", padding_idx=0)
        self.encoder = nn.Sequential(nn.Linear(dim, dim), nn.GELU(), nn.LayerNorm(dim))
        self.heads = nn.ModuleDict(
            {name: TaskHead(dim, spec["out_dim"]) for name, spec in self.task_specs.items()}
        )
        self.loss_weights = {name: spec.get("weight", 1.0) for name, spec in self.task_specs.items()}

    def forward(self, input_ids):
        pooled = self.encoder(self.embed(input_ids))
        return {name: self.heads[name](pooled) for name in self.task_names}

    def compute_losses(self, outputs, targets):
        losses, metrics = {}, {}
        for name in self.task_names:
            kind = self.task_specs[name]["kind"]
            losses[name] = self.loss_weights[name] * LOSS_FNS[kind](outputs[name], targets[name])
            metrics[name] = METRIC_FNS[kind](outputs[name].detach(), targets[name])
        return sum(losses.values()), metrics

# source: https://github.com/Lightning-AI/torchmetrics/issues/181
# error: RuntimeError: Expected all tensors to be on the same device, but found at least two devices, cuda:0 and cpu!
# pattern: module-in-plain-container
# shape: multi-file, class
# looks-like: module-in-plain-container
# needs: torch
# cpu: no written where torch was not installed; not run
"""Two-tower (query / passage) encoder trained with an in-batch InfoNCE loss."""
import torch
import torch.nn as nn
import torch.nn.functional as F

from metrics import build_retrieval_metrics


class Tower(nn.Module):
    def __init__(self, vocab_size, dim):
        super().__init__()
        self.emb = nn.EmbeddingBag(vocab_size, dim, mode="mean", padding_idx=0)
        self.mlp = nn.Sequential(nn.Linear(dim, dim), nn.GELU(), nn.Linear(dim, dim))

    def forward(self, ids):
        return F.normalize(self.mlp(self.emb(ids)), dim=-1)


class DualEncoder(nn.Module):
    def __init__(self, vocab_size=50000, dim=256, temperature=0.05):
        super().__init__()
        self.query_tower = Tower(vocab_size, dim)
        self.doc_tower = Tower(vocab_size, dim)
        self.temperature = temperature
        # ModuleDict registers every metric as a child, so model.to(device) moves their state too
        self.val_metrics = nn.ModuleDict(build_retrieval_metrics())

    def forward(self, q_ids, d_ids):
        return self.query_tower(q_ids) @ self.doc_tower(d_ids).t() / self.temperature

    def loss(self, q_ids, d_ids):
        scores = self(q_ids, d_ids)
        labels = torch.arange(scores.size(0), device=scores.device)
        return F.cross_entropy(scores, labels)

    @torch.no_grad()
    def validation_step(self, q_ids, d_ids):
        scores = self(q_ids, d_ids)
        target = torch.arange(scores.size(0), device=scores.device)
        for metric in self.val_metrics.values():
            metric.update(scores, target)

    def compute_and_reset(self):
        out = {name: m.compute().item() for name, m in self.val_metrics.items()}
        for m in self.val_metrics.values():
            m.reset()
        return out

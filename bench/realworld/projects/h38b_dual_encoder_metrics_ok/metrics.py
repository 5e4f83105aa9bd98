# source: https://github.com/Lightning-AI/torchmetrics/issues/181
# error: RuntimeError: Expected all tensors to be on the same device, but found at least two devices, cuda:0 and cpu!
# pattern: module-in-plain-container
# shape: multi-file, class
# looks-like: module-in-plain-container
# needs: torch
# cpu: no written where torch was not installed; not run
"""In-batch retrieval metrics with buffer-backed running state."""
import torch
import torch.nn as nn


class RecallAtK(nn.Module):
    def __init__(self, k):
        super().__init__()
        self.k = k
        self.register_buffer("hits", torch.zeros(()))
        self.register_buffer("total", torch.zeros(()))

    def update(self, scores, target):
        topk = scores.topk(self.k, dim=-1).indices
        self.hits += (topk == target[:, None]).any(dim=-1).sum()
        self.total += target.numel()

    def compute(self):
        return self.hits / self.total.clamp(min=1)

    def reset(self):
        self.hits.zero_()
        self.total.zero_()


class MeanReciprocalRank(nn.Module):
    def __init__(self):
        super().__init__()
        self.register_buffer("rr_sum", torch.zeros(()))
        self.register_buffer("total", torch.zeros(()))

    def update(self, scores, target):
        pos = scores.gather(1, target[:, None])
        rank = (scores > pos).sum(dim=-1) + 1
        self.rr_sum += (1.0 / rank.float()).sum()
        self.total += target.numel()

    def compute(self):
        return self.rr_sum / self.total.clamp(min=1)

    def reset(self):
        self.rr_sum.zero_()
        self.total.zero_()


def build_retrieval_metrics(ks=(1, 5, 10)):
    metrics = {f"recall@{k}": RecallAtK(k) for k in ks}
    metrics["mrr"] = MeanReciprocalRank()
    return metrics

# source: https://github.com/kornia/kornia/pull/224
# error: RuntimeError: Expected all tensors to be on the same device, but found at least two devices, cpu and cuda:0! (when checking argument for argument index in method wrapper_CUDA_gather)
# pattern: tensor-attribute-not-buffer
# shape: multi-file, class, loader-loop
# bug-lines: 20, 30
# needs: torch
# cpu: no written where torch was not installed; not run
import torch
import torch.nn as nn
import torch.nn.functional as F


class FocalLoss(nn.Module):
    """Multi-class focal loss with optional per-class alpha weights."""

    def __init__(self, alpha=None, gamma=2.0):
        super().__init__()
        self.gamma = gamma
        if alpha is not None:
            self.alpha = torch.tensor(alpha, dtype=torch.float32)
        else:
            self.alpha = None

    def forward(self, logits, targets):
        log_probs = F.log_softmax(logits.float(), dim=1)
        ce = F.nll_loss(log_probs, targets, reduction="none")
        pt = torch.exp(-ce)
        loss = (1.0 - pt) ** self.gamma * ce
        if self.alpha is not None:
            loss = self.alpha.gather(0, targets) * loss
        return loss.mean()


def class_balanced_alpha(counts, beta=0.999):
    effective = [(1.0 - beta ** n) / (1.0 - beta) for n in counts]
    weights = [1.0 / e for e in effective]
    total = sum(weights)
    return [w * len(weights) / total for w in weights]

# source: https://github.com/likyoo/Siam-NestedUNet/issues/40
# error: RuntimeError: indices should be either on cpu or on the same device as the indexed tensor (cpu)
# pattern: tensor-created-without-device
# shape: multi-file, helper, loader-loop
# bug-lines: 30
# needs: torch
# cpu: no written where torch was not installed; not run
import torch
import torch.nn as nn
import torch.nn.functional as F


class FocalLoss(nn.Module):
    def __init__(self, gamma=2.0, alpha=None):
        super().__init__()
        self.gamma = gamma
        self.alpha = alpha

    def forward(self, logits, target):
        logpt = F.log_softmax(logits, dim=1)
        logpt = logpt.gather(1, target).squeeze(1)
        pt = logpt.exp()
        loss = -((1 - pt) ** self.gamma) * logpt
        return loss.mean()


def dice_loss(logits, true, eps=1e-7):
    """Soft dice over the change / no-change classes; true is (B, 1, H, W) long."""
    n_cls = logits.size(1)
    onehot = torch.eye(n_cls)[true[:, 0]]
    onehot = onehot.movedim(-1, 1).to(logits.dtype)
    probs = logits.softmax(dim=1)
    reduce_dims = [0, 2, 3]
    overlap = (probs * onehot).sum(reduce_dims)
    total = probs.sum(reduce_dims) + onehot.sum(reduce_dims)
    per_class = 2.0 * overlap / (total + eps)
    return 1.0 - per_class.mean()

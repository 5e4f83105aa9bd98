# source: https://github.com/sulaimanvesal/vertebraeSegementation/issues/4
# error: TypeError: type torch.cuda.FloatTensor not available. Torch not compiled with CUDA enabled.
# pattern: legacy-type-cast
# shape: multi-file, class, helper
# bug-lines: 20
# needs: torch
# cpu: no written where torch was not installed; not run
import torch
import torch.nn as nn
import torch.nn.functional as F


def one_hot(labels, num_classes):
    """(N, H, W) integer mask -> (N, C, H, W) float one-hot."""
    return F.one_hot(labels.long(), num_classes).permute(0, 3, 1, 2)


def soft_dice(probs, target, eps=1e-6):
    dims = (0, 2, 3)
    target = target.type(torch.cuda.FloatTensor)
    inter = torch.sum(probs * target, dims)
    card = torch.sum(probs + target, dims)
    return (2.0 * inter + eps) / (card + eps)


class DiceCoefMultilabelLoss(nn.Module):
    def __init__(self, num_classes, weights=None):
        super().__init__()
        self.num_classes = num_classes
        self.weights = weights

    def forward(self, logits, labels):
        probs = torch.softmax(logits, dim=1)
        dice = soft_dice(probs, one_hot(labels, self.num_classes))
        if self.weights is not None:
            dice = dice * self.weights.to(dice.device)
        return 1.0 - dice.mean()


class DiceCELoss(nn.Module):
    def __init__(self, num_classes, ce_weight=0.5):
        super().__init__()
        self.dice = DiceCoefMultilabelLoss(num_classes)
        self.ce = nn.CrossEntropyLoss()
        self.ce_weight = ce_weight

    def forward(self, logits, labels):
        return self.dice(logits, labels) + self.ce_weight * self.ce(logits, labels.long())

# A module-level name bound to a torch object is that object: `T([1.0])` is the
# legacy constructor, and its CPU tensor meets the model's GPU scores.
import torch
from torch import nn

T = torch.Tensor


class FocalLoss(nn.Module):
    def __init__(self, pos_weight=None):
        super().__init__()
        self.pos_weight = pos_weight if pos_weight is not None else T([1.0, 2.0])  # expect: TL402:69 lines=21

    def forward(self, scores: T, targets: T) -> T:
        return focal_term(scores, targets.float(), self.pos_weight)


def focal_term(scores: T, targets: T, pos_weight: T) -> T:
    # (the weight is a plain attribute of a loss nobody moves: it stays on the CPU)
    log_scores = torch.log(scores.clamp(min=1e-8))
    return -(pos_weight * targets * log_scores).mean()


def train(model, loader, device):
    model.to(device)
    loss_fn = FocalLoss()
    for features, targets in loader:
        scores = torch.sigmoid(model(features.to(device)))
        loss_fn(scores, targets.to(device)).backward()

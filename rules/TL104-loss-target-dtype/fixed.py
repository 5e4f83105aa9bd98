import torch
import torch.nn.functional as F
from torch import nn


def classification_step(model, images, batch_labels):
    # Labels stored as int32 to halve the memory of the dataset.
    labels = torch.tensor(batch_labels, dtype=torch.int32)
    logits = model(images)
    return F.cross_entropy(logits, labels.long())  # expect: TL104:36 lines=8


def token_loss(logits, mask):
    # A comparison cast with .int() gives int32 class indices.
    targets = (mask > 0).int()
    criterion = nn.CrossEntropyLoss()
    return criterion(logits, targets.long())  # expect: TL104:30 lines=15


def nll(log_probs, y):
    y = y.to(torch.int32)
    return F.nll_loss(log_probs, target=y.long())  # expect: TL104:41 lines=21


def inline_criterion(logits, labels):
    labels = labels.int()
    return nn.CrossEntropyLoss()(logits, labels.long())  # expect: TL104:42 lines=26

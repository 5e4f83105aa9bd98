import torch
import torch.nn.functional as F


def fine(logits, batch_labels, soft):
    labels = torch.tensor(batch_labels, dtype=torch.long)
    a = F.cross_entropy(logits, labels)
    b = F.cross_entropy(logits, labels.long())
    # Float targets are class probabilities (label smoothing, mixup): valid.
    c = F.cross_entropy(logits, soft.float())
    d = F.cross_entropy(logits, torch.tensor(batch_labels))  # int64 by default
    # uint8 class indices (segmentation masks): nll_loss accepts "Long or Byte".
    masks = torch.tensor(batch_labels, dtype=torch.uint8)
    e = F.cross_entropy(logits, masks)
    return a + b + c + d + e


def binary(probs, logits, batch_tags):
    # BCE targets as floats; with logits a float64 target is promoted, not refused.
    tags = torch.tensor(batch_tags, dtype=torch.float32)
    a = F.binary_cross_entropy(probs, tags)
    b = F.binary_cross_entropy_with_logits(logits, tags.double())
    c = F.binary_cross_entropy(probs, torch.full((4,), 1.0))
    # Regression losses promote integer targets.
    d = F.mse_loss(logits, torch.ones(4, dtype=torch.long))
    return a + b + c + d


import numpy as np


def read_labels(path):
    with open(path, "rb") as fh:
        return np.frombuffer(fh.read(), np.uint8, offset=8)


class LabelledImages(torch.utils.data.Dataset):
    def __init__(self, images, path):
        self.images = images
        self.labels = read_labels(path).astype(np.int64)  # int64: what nll_loss wants

    def __len__(self):
        return len(self.labels)

    def __getitem__(self, i):
        return self.images[i], torch.from_numpy(self.labels[i : i + 1])[0]


def train_epoch(model, images, path):
    loader = torch.utils.data.DataLoader(LabelledImages(images, path), batch_size=16)
    for data, target in loader:
        loss = F.nll_loss(model(data), target)
        loss.backward()


def varifocal_loss(logits, idx, matched, ious, num_classes):
    # RT-DETR: the labels and their one-hot codes are int64, but the scores they are
    # multiplied with are made with `zeros_like(..., dtype=logits.dtype)`: the target
    # is floating.
    labels = torch.full(logits.shape[:2], num_classes, dtype=torch.int64, device=logits.device)
    labels[idx] = matched
    target = F.one_hot(labels, num_classes=num_classes + 1)[..., :-1]
    score = torch.zeros_like(labels, dtype=logits.dtype)
    score[:] = ious.to(logits.dtype)
    return F.binary_cross_entropy_with_logits(logits, score.unsqueeze(-1) * target)

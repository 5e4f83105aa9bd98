import numpy as np
import torch
import torch.nn.functional as F


def soft_targets(logits, labels, n_classes, eps=0.1):
    # one-hot rows cast to a float are class probabilities: cross_entropy takes them
    one_hot = F.one_hot(labels, n_classes).float()
    smoothed = one_hot * (1 - eps) + eps / n_classes
    return F.cross_entropy(logits, smoothed) + F.cross_entropy(logits, one_hot)


def mixup_loss(model, images, labels, n_classes, lam=0.7):
    # probabilities from integer labels through arithmetic and one_hot
    mixed_targets = lam * F.one_hot(labels, n_classes) + (1 - lam) * F.one_hot(labels.flip(0), n_classes)
    return F.cross_entropy(model(images), mixed_targets.float())


def multilabel_masks(logits, mask):
    # boolean masks stacked into one channel per class, then cast: one-hot maps
    stacked = np.stack([mask == v for v in range(4)], axis=0).astype("float32")
    return F.cross_entropy(logits, torch.from_numpy(stacked))


def distillation(student_logits, teacher_logits, labels):
    # a teacher's softmax is a float target with the class dimension
    soft = F.softmax(teacher_logits.float(), dim=-1)
    hard = labels.long()
    return F.cross_entropy(student_logits, soft) + F.cross_entropy(student_logits, hard)


def written_distribution(logits):
    # a distribution written out (more than one number) is a probability row
    uniform = torch.tensor([0, 1, 0], dtype=torch.float32)
    return F.cross_entropy(logits, uniform.expand_as(logits))


def scaled_count(pred, items):
    # a count made a float for arithmetic is no target of a class-index loss
    count = torch.tensor(len(items), dtype=torch.float32)
    return F.mse_loss(pred, count.expand_as(pred))


def species_ids(model, names, vocab):
    # the index kept an integer: class indices as cross_entropy wants them
    ids = torch.tensor([vocab.index(n) for n in names])
    return F.cross_entropy(model(ids), ids)

import torch


def dice_loss(logits, target, eps=1e-7):
    # One-hot rows of a CPU identity, picked with the target's first channel (a
    # slice of a tensor on the GPU): indexing a CPU tensor with GPU indices fails.
    n_classes = logits.size(1)
    onehot = torch.eye(n_classes)[target[:, 0]]  # expect: TL204:14 lines=18,8
    onehot = onehot.movedim(-1, 1).to(logits.dtype)
    probs = logits.softmax(dim=1)
    overlap = (probs * onehot).sum((0, 2, 3))
    return 1.0 - (2.0 * overlap / (probs.sum((0, 2, 3)) + onehot.sum((0, 2, 3)) + eps)).mean()


def train_step(model, images, masks, device):
    model.to(device)
    logits = model(images.to(device))
    return dice_loss(logits, masks.long().to(device))

# source: https://github.com/cv-lee/BraTs/pull/10
# error: RuntimeError: Expected all tensors to be on the same device, but found at least two devices, cuda:0 and cpu!
# pattern: inputs-not-moved
# shape: multi-file, batch-dict, helper, loader-loop
# looks-like: inputs-not-moved
# needs: torch
# cpu: no written where torch was not installed; not run
"""Helpers shared by the BraTS training and validation scripts."""
import torch


def to_device(batch, device):
    """Return a copy of the batch dict with every tensor moved to `device`."""
    return {k: (v.to(device, non_blocking=True) if torch.is_tensor(v) else v) for k, v in batch.items()}


def one_hot(mask, num_classes):
    # mask: (B, D, H, W) long -> (B, C, D, H, W) float, on mask's device
    out = torch.zeros((mask.size(0), num_classes) + mask.shape[1:], device=mask.device)
    return out.scatter_(1, mask.unsqueeze(1), 1.0)


def dice_loss(logits, mask, eps=1e-5):
    probs = torch.softmax(logits, dim=1)
    target = one_hot(mask, logits.size(1))
    dims = (0, 2, 3, 4)
    inter = (probs * target).sum(dims)
    union = probs.sum(dims) + target.sum(dims)
    return 1.0 - ((2 * inter + eps) / (union + eps)).mean()


def dice_per_region(logits, mask):
    pred = logits.argmax(dim=1)
    scores = {}
    for name, labels in {"WT": (1, 2, 4), "TC": (1, 4), "ET": (4,)}.items():
        p = torch.isin(pred, torch.tensor(labels, device=pred.device))
        t = torch.isin(mask, torch.tensor(labels, device=mask.device))
        scores[name] = (2 * (p & t).sum() / (p.sum() + t.sum()).clamp(min=1)).item()
    return scores

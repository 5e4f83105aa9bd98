# Label smoothing and a self-similarity mask, both made on the caller's device; the
# row numbers that index them are counted on the CPU. Unlike `x[idx]`, `scatter` and
# `scatter_` take no CPU index for a tensor on a GPU.
import torch


def smoothed_targets(labels, n_classes, device, eps=0.1):
    targets = torch.full((len(labels), n_classes), eps / n_classes, device=device)
    rows = torch.tensor(labels).unsqueeze(1)  # expect: TL204:12 lines=10
    return torch.scatter(targets, 1, rows, 1.0 - eps + eps / n_classes)


def off_diagonal(n, device):
    keep = torch.ones(n, n, device=device)
    return keep.scatter_(1, torch.arange(n).unsqueeze(1), 0.0)  # expect: TL204:29 lines=15

# source: https://github.com/dougbrion/pytorch-classification-uncertainty/issues/18
# error: RuntimeError: indices should be either on cpu or on the same device as the indexed tensor (cpu)
# pattern: tensor-created-without-device
# shape: multi-file, helper, loader-loop
# cpu: clean
# needs: torch
import torch

from helpers import relu_evidence


def kl_divergence(alpha, num_classes, device):
    ones = torch.ones([1, num_classes], dtype=torch.float32, device=device)
    sum_alpha = torch.sum(alpha, dim=1, keepdim=True)
    first = torch.lgamma(sum_alpha) - torch.lgamma(alpha).sum(dim=1, keepdim=True)
    first = first - torch.lgamma(ones.sum(dim=1, keepdim=True))
    second = ((alpha - ones) * (torch.digamma(alpha) - torch.digamma(sum_alpha))).sum(dim=1, keepdim=True)
    return first + second


def edl_mse_loss(output, target, epoch_num, num_classes, annealing_step, device):
    evidence = relu_evidence(output)
    alpha = evidence + 1
    strength = torch.sum(alpha, dim=1, keepdim=True)
    err = torch.sum((target - alpha / strength) ** 2, dim=1, keepdim=True)
    var = torch.sum(alpha * (strength - alpha) / (strength * strength * (strength + 1)), dim=1, keepdim=True)
    coef = min(1.0, epoch_num / annealing_step)
    kl_alpha = (alpha - 1) * (1 - target) + 1
    return torch.mean(err + var + coef * kl_divergence(kl_alpha, num_classes, device))

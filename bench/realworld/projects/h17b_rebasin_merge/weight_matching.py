# source: https://github.com/ogkalu2/Merge-Stable-Diffusion-models-without-distortion/issues/20
# error: RuntimeError: Expected all tensors to be on the same device, but found at least two devices, cuda:0 and cpu! (when checking argument for argument index in method wrapper__index_select)
# pattern: tensor-created-without-device
# shape: multi-file, helper, batch-dict
# bug-lines: 36, 42, 58
# needs: torch, scipy
# cpu: no written where torch was not installed; not run

from collections import namedtuple

import torch
from scipy.optimize import linear_sum_assignment

PermutationSpec = namedtuple("PermutationSpec", ["perm_to_axes", "axes_to_perm"])


def mlp_permutation_spec(num_hidden):
    axes_to_perm = {"layer0.weight": ("P_0", None), "layer0.bias": ("P_0",)}
    for i in range(1, num_hidden):
        axes_to_perm[f"layer{i}.weight"] = (f"P_{i}", f"P_{i - 1}")
        axes_to_perm[f"layer{i}.bias"] = (f"P_{i}",)
    axes_to_perm[f"layer{num_hidden}.weight"] = (None, f"P_{num_hidden - 1}")
    perm_to_axes = {}
    for wk, axes in axes_to_perm.items():
        for axis, p in enumerate(axes):
            if p is not None:
                perm_to_axes.setdefault(p, []).append((wk, axis))
    return PermutationSpec(perm_to_axes, axes_to_perm)


def get_permuted_param(ps, perm, wk, params, except_axis=None):
    w = params[wk]
    for axis, p in enumerate(ps.axes_to_perm[wk]):
        if axis == except_axis or p is None:
            continue
        w = torch.index_select(w, axis, perm[p].int())
    return w


def weight_matching(ps, params_a, params_b, max_iter=50):
    perm_sizes = {p: params_a[axes[0][0]].shape[axes[0][1]] for p, axes in ps.perm_to_axes.items()}
    perm = {p: torch.arange(n) for p, n in perm_sizes.items()}
    for _ in range(max_iter):
        progress = False
        for p in perm_sizes:
            n = perm_sizes[p]
            A = torch.zeros((n, n), device=params_a[ps.perm_to_axes[p][0][0]].device)
            for wk, axis in ps.perm_to_axes[p]:
                w_a = params_a[wk]
                w_b = get_permuted_param(ps, perm, wk, params_b, except_axis=axis)
                w_a = torch.moveaxis(w_a, axis, 0).reshape((n, -1))
                w_b = torch.moveaxis(w_b, axis, 0).reshape((n, -1))
                A += w_a @ w_b.T
            ri, ci = linear_sum_assignment(A.detach().cpu().numpy(), maximize=True)
            old = torch.einsum("ij,ij->i", A, torch.eye(n, device=A.device)[perm[p].long()]).sum()
            new = torch.einsum("ij,ij->i", A, torch.eye(n, device=A.device)[ci]).sum()
            if new > old + 1e-12:
                perm[p] = torch.tensor(ci)
                progress = True
        if not progress:
            break
    return perm


def apply_permutation(ps, perm, params):
    return {k: get_permuted_param(ps, perm, k, params) for k in params}

# source: https://github.com/vchoutas/smplx/issues/111
# error: AssertionError: Torch not compiled with CUDA enabled
# pattern: hard-coded-cuda
# shape: multi-file, helper
# needs: torch, numpy
# cpu: no written where torch was not installed; not run
"""Deformation-transfer matrix (SMPL-X topology -> SMPL topology) and the fitting loop."""
import pickle

import numpy as np
import torch


def read_deformation_transfer(path, device):
    with open(path, "rb") as f:
        data = pickle.load(f, encoding="latin1")
    mtx = data["mtx"]
    if hasattr(mtx, "todense"):
        mtx = mtx.todense()
    mtx = np.asarray(mtx, dtype=np.float32)[:, : mtx.shape[1] // 2]
    return torch.tensor(mtx, dtype=torch.float32, device=device)


def apply_deformation_transfer(def_matrix, vertices):
    # (V_smpl, V_smplx) x (B, V_smplx, 3) -> (B, V_smpl, 3)
    return torch.einsum("mn,bnd->bmd", def_matrix, vertices)


def run_fitting(batch, body_model, def_matrix, iterations=200, lr=0.05):
    target = apply_deformation_transfer(def_matrix, batch["vertices"])
    bsz, device = target.shape[0], target.device
    params = {
        "betas": torch.zeros(bsz, 10, device=device, requires_grad=True),
        "global_orient": torch.zeros(bsz, 3, device=device, requires_grad=True),
        "body_pose": torch.zeros(bsz, 69, device=device, requires_grad=True),
        "transl": torch.zeros(bsz, 3, device=device, requires_grad=True),
    }
    optimizer = torch.optim.Adam(params.values(), lr=lr)
    for _ in range(iterations):
        optimizer.zero_grad()
        verts = body_model(**params).vertices
        loss = (verts - target).pow(2).sum(dim=-1).mean()
        loss.backward()
        optimizer.step()
    out = {k: v.detach().cpu().numpy() for k, v in params.items()}
    out["vertices"] = verts.detach().cpu().numpy()
    return out

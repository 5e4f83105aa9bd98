# source: https://github.com/iPERDance/iPERCore/issues/70
# error: RuntimeError: Tensor for argument #3 'mat2' is on CPU, but expected it to be on GPU (while checking arguments for addmm)
# pattern: tensor-attribute-not-buffer
# shape: class, multi-file
# bug-lines: 28, 35
# needs: torch, numpy
# cpu: no written where torch was not installed; not run
"""Minimal SMPL-style body layer: shape blend shapes, translation and joint regression."""
import pickle

import numpy as np
import torch
from torch import nn


class SMPLBody(nn.Module):
    def __init__(self, model_path):
        super().__init__()
        with open(model_path, "rb") as f:
            params = pickle.load(f, encoding="latin1")
        v_template = np.asarray(params["v_template"], dtype=np.float32)
        self.num_verts = v_template.shape[0]
        self.register_buffer("v_template", torch.from_numpy(v_template))

        # (V, 3, n_betas) -> (n_betas, V * 3) so a batch of betas is a single matmul
        shapedirs = np.asarray(params["shapedirs"], dtype=np.float32)
        self.num_betas = shapedirs.shape[-1]
        self.shapedirs = torch.from_numpy(shapedirs.reshape(-1, self.num_betas).T.copy())

        j_regressor = np.asarray(params["J_regressor"].todense(), dtype=np.float32)
        self.register_buffer("J_regressor", torch.from_numpy(j_regressor))
        self.faces = np.asarray(params["f"], dtype=np.int64)

    def forward(self, betas, transl):
        offsets = torch.matmul(betas, self.shapedirs)
        v_shaped = offsets.view(-1, self.num_verts, 3) + self.v_template
        verts = v_shaped + transl[:, None, :]
        joints = torch.einsum("jv,bvc->bjc", self.J_regressor, verts)
        return verts, joints

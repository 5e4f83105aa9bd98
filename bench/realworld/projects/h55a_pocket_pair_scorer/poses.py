# source: https://github.com/sc8668/GenScore/issues/16
# error: RuntimeError: indices should be either on cpu or on the same device as the indexed tensor (cpu)
# pattern: tensor-created-without-device
# shape: multi-file, class, batch-dict, loader-loop
# needs: torch, numpy
# cpu: clean
"""Docked poses with pre-computed atom / residue features (written by featurize_poses.py)."""
import glob
import os

import numpy as np
import torch
from torch.utils.data import Dataset


class DockedPoseSet(Dataset):
    def __init__(self, pocket_npz, pose_dir, cutoff=10.0):
        pocket = np.load(pocket_npz)
        self.res_feat = torch.from_numpy(pocket["feat"].astype(np.float32))
        self.res_pos = torch.from_numpy(pocket["pos"].astype(np.float32))
        self.pose_files = sorted(glob.glob(os.path.join(pose_dir, "*.npz")))
        self.cutoff = cutoff

    def __len__(self):
        return len(self.pose_files)

    def __getitem__(self, i):
        pose = np.load(self.pose_files[i])
        lig_pos = torch.from_numpy(pose["pos"].astype(np.float32))
        near = torch.cdist(self.res_pos, lig_pos).min(dim=1).values < self.cutoff
        return {
            "pose_name": os.path.basename(self.pose_files[i])[:-4],
            "lig_feat": torch.from_numpy(pose["feat"].astype(np.float32)),
            "lig_pos": lig_pos,
            "res_feat": self.res_feat[near],
            "res_pos": self.res_pos[near],
        }


def pad_collate(items):
    out = {"pose_name": [it["pose_name"] for it in items]}
    for key, mask_key in (("lig", "lig_mask"), ("res", "res_mask")):
        n_max = max(it[f"{key}_feat"].size(0) for it in items)
        feats, pos, mask = [], [], []
        for it in items:
            n = it[f"{key}_feat"].size(0)
            feats.append(torch.nn.functional.pad(it[f"{key}_feat"], (0, 0, 0, n_max - n)))
            pos.append(torch.nn.functional.pad(it[f"{key}_pos"], (0, 0, 0, n_max - n)))
            mask.append(torch.arange(n_max) < n)
        out[f"{key}_feat"], out[f"{key}_pos"] = torch.stack(feats), torch.stack(pos)
        out[mask_key] = torch.stack(mask)
    return out

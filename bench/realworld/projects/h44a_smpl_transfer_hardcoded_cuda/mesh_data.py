# source: https://github.com/vchoutas/smplx/issues/111
# error: AssertionError: Torch not compiled with CUDA enabled
# pattern: hard-coded-cuda
# shape: multi-file, batch-dict, loader-loop
# needs: torch, numpy, trimesh
# cpu: no written where torch was not installed; not run
"""Loads registered SMPL-X meshes (.obj/.ply) that should be converted to SMPL parameters."""
import glob
import os.path as osp

import numpy as np
import torch
import trimesh
from torch.utils.data import DataLoader, Dataset


class MeshFolder(Dataset):
    def __init__(self, mesh_folder, exts=(".obj", ".ply")):
        self.paths = sorted(
            p for p in glob.glob(osp.join(mesh_folder, "*")) if osp.splitext(p)[1] in exts
        )
        if not self.paths:
            raise FileNotFoundError(f"no meshes found in {mesh_folder}")

    def __len__(self):
        return len(self.paths)

    def __getitem__(self, idx):
        mesh = trimesh.load(self.paths[idx], process=False)
        return {
            "vertices": torch.from_numpy(np.asarray(mesh.vertices, dtype=np.float32)),
            "faces": torch.from_numpy(np.asarray(mesh.faces, dtype=np.int64)),
            "paths": self.paths[idx],
        }


def build_dataloader(cfg):
    dataset = MeshFolder(cfg["mesh_folder"])
    loader = DataLoader(dataset, batch_size=cfg.get("batch_size", 1), shuffle=False,
                        num_workers=cfg.get("num_workers", 0))
    return {"dataset": dataset, "dataloader": loader}

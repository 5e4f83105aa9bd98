# source: https://github.com/loicland/superpoint_graph/issues/143
# error: RuntimeError: Input type (torch.FloatTensor) and weight type (torch.cuda.FloatTensor) should be the same
# pattern: inputs-not-moved
# shape: multi-file, batch-dict
# needs: torch, numpy, h5py
# cpu: no written where torch was not installed; not run
import glob

import h5py
import numpy as np
import torch
from torch.utils.data import Dataset


class SuperpointGraphDataset(Dataset):
    def __init__(self, root, split, ptn_npts=128):
        self.files = sorted(glob.glob(f"{root}/superpoint_graphs/{split}/*.h5"))
        self.ptn_npts = ptn_npts

    def __len__(self):
        return len(self.files)

    def __getitem__(self, i):
        with h5py.File(self.files[i], "r") as f:
            labels = f["sp_labels"][:].astype(np.int64)
            clouds, globals_ = [], []
            for s in range(len(labels)):
                pts = f[f"parsed/{s}"][:].astype(np.float32)
                choice = np.random.choice(len(pts), self.ptn_npts, replace=len(pts) < self.ptn_npts)
                clouds.append(pts[choice].T)
                globals_.append([np.log(len(pts)) / 10.0])
        return {"labels": torch.from_numpy(labels),
                "clouds": torch.from_numpy(np.stack(clouds)),
                "clouds_global": torch.tensor(globals_, dtype=torch.float32)}


def spg_collate(items):
    labels = torch.cat([it["labels"] for it in items])
    clouds = torch.cat([it["clouds"] for it in items])
    clouds_global = torch.cat([it["clouds_global"] for it in items])
    clouds_meta = [len(it["labels"]) for it in items]
    clouds_flag = torch.ones(len(labels), dtype=torch.bool)
    return labels, (clouds_meta, clouds_flag, clouds, clouds_global)

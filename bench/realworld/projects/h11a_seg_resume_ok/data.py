# source: https://github.com/NVIDIA/apex/pull/459
# error: RuntimeError: Tensors of the same index must be on the same device and the same dtype except `step` tensors that can be CPU and float32/64 notwithstanding
# pattern: optimizer-state-before-placement
# shape: multi-file, class, loader-loop, batch-dict
# looks-like: optimizer-state-before-placement
# needs: torch
# cpu: no written where torch was not installed; not run
import numpy as np
import torch
from torch.utils.data import Dataset, DataLoader


class TileMaskDataset(Dataset):
    def __init__(self, npz_path):
        blob = np.load(npz_path)
        self.tiles = blob["tiles"]
        self.masks = blob["masks"]

    def __len__(self):
        return len(self.tiles)

    def __getitem__(self, idx):
        tile = torch.from_numpy(self.tiles[idx]).permute(2, 0, 1).float() / 255.0
        mask = torch.from_numpy(self.masks[idx]).long()
        return {"tile": tile, "mask": mask}


def make_loader(npz_path, batch_size=16, shuffle=True):
    return DataLoader(TileMaskDataset(npz_path), batch_size=batch_size, shuffle=shuffle,
                      num_workers=4, drop_last=shuffle)

# source: https://github.com/pxq0312/SFANet-crowd-counting/issues/5
# error: RuntimeError: Expected all tensors to be on the same device, but found at least two devices, cuda:0 and cpu!
# pattern: inputs-not-moved
# shape: multi-file, batch-dict
# needs: torch, numpy, pillow
# cpu: no written where torch was not installed; not run
"""Aerial survey tiles with point annotations (one point per animal)."""
import json

import numpy as np
import torch
from PIL import Image
from torch.utils.data import Dataset


class SurveyTiles(Dataset):
    def __init__(self, index_json, train=True, down=8):
        with open(index_json) as fh:
            self.items = json.load(fh)
        self.train, self.down = train, down

    def __len__(self):
        return len(self.items)

    def _image(self, path):
        arr = np.asarray(Image.open(path).convert("RGB"), dtype=np.float32) / 255.0
        return torch.from_numpy(arr.transpose(2, 0, 1).copy())

    def __getitem__(self, idx):
        item = self.items[idx]
        tile = self._image(item["tile"])
        if not self.train:
            return tile, torch.tensor(len(item["points"]), dtype=torch.float32)
        density = np.load(item["density"]).astype(np.float32)  # precomputed, already / down
        return tile, torch.from_numpy(density)[None]

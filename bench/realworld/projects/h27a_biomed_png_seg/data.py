# source: https://github.com/microsoft/BiomedParse/issues/90
# error: RuntimeError: Input type (torch.cuda.ByteTensor) and weight type (torch.cuda.FloatTensor) should be the same
# pattern: integer-input
# shape: multi-file, batch-dict, loader-loop
# bug-lines: 32
# needs: torch, numpy, pillow
# cpu: no written where torch was not installed; not run
import json
from pathlib import Path

import numpy as np
import torch
from PIL import Image
from torch.utils.data import Dataset


class PngSliceDataset(Dataset):
    """CT/MRI slices exported as 8-bit PNG with a paired label PNG."""

    def __init__(self, root, split="train"):
        self.root = Path(root)
        with open(self.root / f"{split}.json") as f:
            self.items = json.load(f)

    def __len__(self):
        return len(self.items)

    def __getitem__(self, idx):
        item = self.items[idx]
        img = np.array(Image.open(self.root / item["image"]).convert("RGB"))
        mask = np.array(Image.open(self.root / item["mask"]))
        image = torch.from_numpy(img).permute(2, 0, 1).contiguous()
        target = torch.from_numpy(mask).long()
        return {"image": image, "mask": target, "case_id": item["case_id"]}

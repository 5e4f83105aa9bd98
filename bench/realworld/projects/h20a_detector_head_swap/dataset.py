# source: https://github.com/pytorch/pytorch/issues/61704
# error: RuntimeError: Expected all tensors to be on the same device, but found at least two devices, cpu and cuda:0! (when checking argument for argument mat1 in method wrapper_addmm)
# pattern: module-added-after-placement
# shape: multi-file, helper, loader-loop, batch-dict
# looks-like: module-added-after-placement
# needs: torch, torchvision, pillow
# cpu: no written where torch was not installed; not run
import csv
import os
from collections import defaultdict

import torch
from PIL import Image
from torch.utils.data import Dataset
from torchvision.transforms.functional import to_tensor

CLASSES = ["__background__", "helmet", "head"]


class HelmetDataset(Dataset):
    """Reads a CSV with one row per box: filename,xmin,ymin,xmax,ymax,class."""

    def __init__(self, root, split="train"):
        self.image_dir = os.path.join(root, "images")
        boxes = defaultdict(list)
        with open(os.path.join(root, f"{split}.csv"), newline="") as fh:
            for row in csv.DictReader(fh):
                boxes[row["filename"]].append(row)
        self.items = sorted(boxes.items())

    def __len__(self):
        return len(self.items)

    def __getitem__(self, idx):
        filename, rows = self.items[idx]
        image = to_tensor(Image.open(os.path.join(self.image_dir, filename)).convert("RGB"))
        target = {
            "boxes": torch.tensor([[float(r[k]) for k in ("xmin", "ymin", "xmax", "ymax")]
                                   for r in rows], dtype=torch.float32),
            "labels": torch.tensor([CLASSES.index(r["class"]) for r in rows], dtype=torch.int64),
        }
        return image, target


def collate(batch):
    return tuple(zip(*batch))

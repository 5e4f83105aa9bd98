# source: https://github.com/yoctta/multiple-attention/issues/26
# error: RuntimeError: expected scalar type Byte but found Float
# pattern: integer-input
# shape: multi-file, loader-loop
# bug-lines: 38
# needs: torch, numpy, cv2, albumentations
# cpu: no written where torch was not installed; not run
import json
import os

import albumentations as A
import cv2
import numpy as np
import torch
from torch.utils.data import Dataset


def build_transforms(size=380, train=True):
    ops = [A.Resize(size, size)]
    if train:
        ops += [A.HorizontalFlip(p=0.5), A.ImageCompression(quality_lower=60, p=0.3)]
    return A.Compose(ops)


class FaceForensicsFrames(Dataset):
    def __init__(self, root, split="train", size=380):
        with open(os.path.join(root, f"{split}.json")) as f:
            self.items = json.load(f)  # list of [relative_path, label]
        self.root = root
        self.trans = build_transforms(size, train=(split == "train"))

    def __len__(self):
        return len(self.items)

    def __getitem__(self, idx):
        rel, label = self.items[idx]
        image = cv2.cvtColor(cv2.imread(os.path.join(self.root, rel)), cv2.COLOR_BGR2RGB)
        image = torch.from_numpy(self.trans(image=image)["image"]).permute(2, 0, 1)
        return image, torch.tensor(label, dtype=torch.long)

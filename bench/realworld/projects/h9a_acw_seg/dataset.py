# source: https://github.com/samleoqh/MSCG-Net/issues/7
# error: RuntimeError: Expected object of scalar type Long but got scalar type Float for argument #3 'index'
# pattern: loss-target-dtype
# shape: multi-file, class, loader-loop
# bug-lines: 41, 47
# needs: torch, numpy, pillow
# cpu: no written where torch was not installed; not run
"""Aerial field-pattern tiles: RGB image + per-pixel class mask (255 = ignore)."""
import os
import random

import numpy as np
import torch
from PIL import Image
from torch.utils.data import Dataset

MEAN = np.array([0.485, 0.456, 0.406], dtype=np.float32)
STD = np.array([0.229, 0.224, 0.225], dtype=np.float32)


class FieldTiles(Dataset):
    def __init__(self, root, split="train", crop=512, augment=True):
        self.img_dir = os.path.join(root, split, "images")
        self.mask_dir = os.path.join(root, split, "labels")
        self.names = sorted(f[:-4] for f in os.listdir(self.img_dir) if f.endswith(".jpg"))
        self.crop = crop
        self.augment = augment and split == "train"

    def __len__(self):
        return len(self.names)

    def _random_crop(self, img, mask):
        h, w = mask.shape
        y = random.randint(0, h - self.crop)
        x = random.randint(0, w - self.crop)
        return img[y:y + self.crop, x:x + self.crop], mask[y:y + self.crop, x:x + self.crop]

    def __getitem__(self, idx):
        name = self.names[idx]
        img = np.asarray(Image.open(os.path.join(self.img_dir, name + ".jpg")).convert("RGB"), dtype=np.float32) / 255.0
        mask = np.asarray(Image.open(os.path.join(self.mask_dir, name + ".png")), dtype=np.float32)
        img, mask = self._random_crop(img, mask)
        if self.augment and random.random() < 0.5:
            img, mask = img[:, ::-1], mask[:, ::-1]
        img = (img - MEAN) / STD
        image = torch.from_numpy(np.ascontiguousarray(img.transpose(2, 0, 1)))
        label = torch.from_numpy(np.ascontiguousarray(mask))
        return image, label

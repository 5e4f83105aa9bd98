# source: https://github.com/nullquant/ComfyUI-BrushNet/issues/27
# error: RuntimeError: Expected all tensors to be on the same device, but found at least two devices, cuda:0 and cpu!
# pattern: inputs-not-moved
# shape: multi-file, batch-dict, loader-loop
# needs: torch, torchvision, numpy, PIL
# cpu: no written where torch was not installed; not run
"""Places2-style image folder + free-form stroke masks for inpainting."""
import glob
import os
import random

import numpy as np
import torch
from PIL import Image, ImageDraw
from torch.utils.data import Dataset
from torchvision import transforms


def random_stroke_mask(size, max_strokes=6):
    mask = Image.new("L", (size, size), 0)
    draw = ImageDraw.Draw(mask)
    for _ in range(random.randint(1, max_strokes)):
        x, y = random.randint(0, size), random.randint(0, size)
        for _ in range(random.randint(3, 10)):
            nx = min(max(x + random.randint(-60, 60), 0), size)
            ny = min(max(y + random.randint(-60, 60), 0), size)
            draw.line([(x, y), (nx, ny)], fill=255, width=random.randint(8, 24))
            x, y = nx, ny
    return torch.from_numpy(np.array(mask, dtype=np.float32) / 255.0).unsqueeze(0)


class InpaintDataset(Dataset):
    def __init__(self, root, size=256):
        self.paths = sorted(glob.glob(os.path.join(root, "**", "*.jpg"), recursive=True))
        self.size = size
        self.tf = transforms.Compose([
            transforms.RandomResizedCrop(size, scale=(0.6, 1.0)),
            transforms.RandomHorizontalFlip(),
            transforms.ToTensor(),
            transforms.Normalize([0.5] * 3, [0.5] * 3),
        ])

    def __len__(self):
        return len(self.paths)

    def __getitem__(self, idx):
        image = self.tf(Image.open(self.paths[idx]).convert("RGB"))
        return {"image": image, "mask": random_stroke_mask(self.size), "path": self.paths[idx]}

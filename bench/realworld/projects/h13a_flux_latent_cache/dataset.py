# source: https://github.com/kohya-ss/sd-scripts/issues/1562
# error: RuntimeError: Input type (float) and bias type (c10::BFloat16) should be the same
# pattern: input-dtype-mismatch
# shape: loader-loop, batch-dict, multi-file
# needs: torch, torchvision, pillow
# cpu: no written where torch was not installed; not run
"""Image/caption pairs for fine-tuning."""
import os

import torch
from PIL import Image
from torch.utils.data import Dataset
from torchvision import transforms

IMAGE_EXTS = (".png", ".jpg", ".jpeg", ".webp")


class ImageCaptionDataset(Dataset):
    def __init__(self, root: str, resolution: int = 512):
        self.paths = sorted(
            os.path.join(root, f) for f in os.listdir(root) if f.lower().endswith(IMAGE_EXTS)
        )
        self.transform = transforms.Compose([
            transforms.Resize(resolution),
            transforms.CenterCrop(resolution),
            transforms.ToTensor(),
            transforms.Normalize([0.5], [0.5]),
        ])

    def __len__(self):
        return len(self.paths)

    def __getitem__(self, idx):
        path = self.paths[idx]
        image = Image.open(path).convert("RGB")
        caption_path = os.path.splitext(path)[0] + ".txt"
        caption = ""
        if os.path.exists(caption_path):
            with open(caption_path, encoding="utf-8") as f:
                caption = f.read().strip()
        return {"images": self.transform(image), "captions": caption, "path": path}


def collate_examples(examples):
    return {
        "images": torch.stack([e["images"] for e in examples]),
        "captions": [e["captions"] for e in examples],
        "paths": [e["path"] for e in examples],
    }

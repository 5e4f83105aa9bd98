# source: https://github.com/huggingface/diffusers/issues/4619 https://github.com/huggingface/diffusers/pull/6231
# error: RuntimeError: Input type (c10::Half) and bias type (float) should be the same
# pattern: partial-dtype-cast
# shape: multi-file, batch-dict
# needs: torch, torchvision, pillow
# cpu: no written where torch was not installed; not run
import json
import os

import torch
from PIL import Image
from torch.utils.data import Dataset
from torchvision import transforms


class CaptionedImages(Dataset):
    """Folder of images plus a metadata.jsonl with {"file_name", "text"} rows."""

    def __init__(self, root, resolution=1024, random_flip=True):
        self.root = root
        with open(os.path.join(root, "metadata.jsonl")) as fh:
            self.rows = [json.loads(line) for line in fh if line.strip()]
        self.resize = transforms.Resize(resolution, interpolation=transforms.InterpolationMode.BILINEAR)
        self.crop = transforms.RandomCrop(resolution)
        self.flip = transforms.RandomHorizontalFlip() if random_flip else transforms.Lambda(lambda x: x)
        self.to_tensor = transforms.Compose([transforms.ToTensor(), transforms.Normalize([0.5], [0.5])])

    def __len__(self):
        return len(self.rows)

    def __getitem__(self, idx):
        row = self.rows[idx]
        image = Image.open(os.path.join(self.root, row["file_name"])).convert("RGB")
        original_size = (image.height, image.width)
        image = self.resize(image)
        top, left, h, w = self.crop.get_params(image, self.crop.size)
        image = transforms.functional.crop(image, top, left, h, w)
        image = self.flip(image)
        return {"pixel_values": self.to_tensor(image), "text": row["text"],
                "original_size": original_size, "crop_top_left": (top, left)}


def collate(examples):
    pixel_values = torch.stack([e["pixel_values"] for e in examples]).float()
    return {
        "pixel_values": pixel_values.contiguous(memory_format=torch.contiguous_format),
        "prompts": [e["text"] for e in examples],
        "original_sizes": [e["original_size"] for e in examples],
        "crop_top_lefts": [e["crop_top_left"] for e in examples],
    }

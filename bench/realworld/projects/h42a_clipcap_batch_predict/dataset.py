# source: https://github.com/yangjianxin1/ClipCap-Chinese/issues/10
# error: RuntimeError: Expected all tensors to be on the same device, but found at least two devices, cpu and cuda:0!
# pattern: inputs-not-moved
# shape: multi-file, batch-dict
# needs: torch, PIL
# cpu: no written where torch was not installed; not run
"""Folder-of-images dataset that applies the CLIP preprocessing transform."""
import os

from PIL import Image
from torch.utils.data import Dataset

IMAGE_EXTS = (".jpg", ".jpeg", ".png", ".webp")


class ImageFolderForCaptioning(Dataset):
    def __init__(self, image_dir, preprocess):
        self.image_dir = image_dir
        self.preprocess = preprocess
        self.files = sorted(f for f in os.listdir(image_dir) if f.lower().endswith(IMAGE_EXTS))

    def __len__(self):
        return len(self.files)

    def __getitem__(self, idx):
        name = self.files[idx]
        image = Image.open(os.path.join(self.image_dir, name)).convert("RGB")
        return self.preprocess(image), name

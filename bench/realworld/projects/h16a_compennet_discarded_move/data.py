# source: https://github.com/BingyaoHuang/CompenNet/issues/2
# error: RuntimeError: Input type (torch.FloatTensor) and weight type (torch.cuda.FloatTensor) should be the same
# pattern: discarded-tensor-move
# shape: multi-file, loader-loop
# needs: torch, numpy, PIL
# cpu: no written where torch was not installed; not run
import os

import numpy as np
import torch
from PIL import Image
from torch.utils.data import Dataset, DataLoader


def read_rgb(path, size=(256, 256)):
    img = Image.open(path).convert("RGB").resize(size)
    arr = np.asarray(img, dtype=np.float32) / 255.0
    return torch.from_numpy(arr).permute(2, 0, 1)


class CaptureSet(Dataset):
    """Pairs of (camera-captured image, projector input image) for one setup."""

    def __init__(self, root):
        self.cam_dir = os.path.join(root, "cam", "train")
        self.prj_dir = os.path.join(root, "prj", "train")
        self.names = sorted(os.listdir(self.cam_dir))
        self.surface = read_rgb(os.path.join(root, "cam", "ref", "img_gray.png"))

    def __len__(self):
        return len(self.names)

    def __getitem__(self, idx):
        name = self.names[idx]
        cam = read_rgb(os.path.join(self.cam_dir, name))
        prj = read_rgb(os.path.join(self.prj_dir, name))
        return cam, prj, self.surface


def make_loader(root, batch_size=16):
    return DataLoader(CaptureSet(root), batch_size=batch_size, shuffle=True, num_workers=4)

# source: https://github.com/zhanghang1989/PyTorch-Multi-Style-Transfer/issues/11
# error: RuntimeError: Input type (CUDAFloatTensor) and weight type (CPUFloatTensor) should be the same
# pattern: hard-coded-cuda
# shape: multi-file, class, loader-loop
# bug-lines: 41
# needs: torch, numpy, pillow
# cpu: no written where torch was not installed; not run
import os

import numpy as np
import torch
from PIL import Image


def tensor_load_rgbimage(filename, size=None):
    img = Image.open(filename).convert("RGB")
    if size is not None:
        img = img.resize((size, size), Image.LANCZOS)
    arr = np.array(img).transpose(2, 0, 1)
    return torch.from_numpy(arr).float()


def subtract_imagenet_mean_batch(batch):
    mean = batch.new_tensor([123.680, 116.779, 103.939]).view(1, 3, 1, 1)
    return batch - mean


class StyleLoader:
    """Cycles through the style images so each iteration trains on a new target."""

    def __init__(self, style_folder, style_size):
        self.folder = style_folder
        self.style_size = style_size
        self.files = sorted(os.listdir(style_folder))

    def get(self, i):
        idx = i % len(self.files)
        path = os.path.join(self.folder, self.files[idx])
        style = tensor_load_rgbimage(path, self.style_size).unsqueeze(0)
        style = subtract_imagenet_mean_batch(style)
        return style.cuda()

    def size(self):
        return len(self.files)

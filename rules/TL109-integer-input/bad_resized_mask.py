# The 8-bit mask is resized with `F.interpolate`, which keeps it uint8 in every mode
# that takes one, and then dilated with a float kernel and fed to a float32 encoder.
import numpy as np
import torch
import torch.nn.functional as F
from PIL import Image
from torch import nn


def load_mask(path, size):
    mask = torch.from_numpy(np.asarray(Image.open(path).convert("L")))[None, None]  # expect: TL109:12 lines=17
    return F.interpolate(mask, size=size, mode="nearest")


def dilate(mask, radius=3):
    kernel = torch.ones(1, 1, 2 * radius + 1, 2 * radius + 1)
    return F.conv2d(mask, kernel, padding=radius).clamp(0, 1)


def encode_masks(paths):
    encoder = nn.Conv2d(1, 16, 3)
    return [encoder(dilate(load_mask(p, (256, 256)))) for p in paths]

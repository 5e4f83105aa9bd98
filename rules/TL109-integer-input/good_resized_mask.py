# The 8-bit mask is made float before it is resized (`F.interpolate` keeps a uint8
# mask uint8), so the float kernel and the float32 encoder get float32.
import numpy as np
import torch
import torch.nn.functional as F
from PIL import Image
from torch import nn


def load_mask(path, size):
    mask = torch.from_numpy(np.asarray(Image.open(path).convert("L")))[None, None].float()
    return F.interpolate(mask, size=size, mode="nearest")


def dilate(mask, radius=3):
    kernel = torch.ones(1, 1, 2 * radius + 1, 2 * radius + 1)
    return F.conv2d(mask, kernel, padding=radius).clamp(0, 1)


def encode_masks(paths):
    encoder = nn.Conv2d(1, 16, 3)
    return [encoder(dilate(load_mask(p, (256, 256)))) for p in paths]

# The pixels are made floating (and scaled) before they are sampled.
import numpy as np
import torch
import torch.nn.functional as F
from PIL import Image


def rectify(path, theta):
    pixels = np.asarray(Image.open(path).convert("RGB"))
    img = torch.from_numpy(pixels).permute(2, 0, 1)[None].float() / 255
    grid = F.affine_grid(theta[None], list(img.shape), align_corners=False)
    return F.grid_sample(img, grid, align_corners=False)

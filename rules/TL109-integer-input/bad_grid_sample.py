# A photo read with PIL is uint8; `F.grid_sample` samples floating images only
# ('grid_sampler_2d_cpu_kernel_impl not implemented for Byte' on the CPU, 'expected
# input and grid to have same dtype' on CUDA).
import numpy as np
import torch
import torch.nn.functional as F
from PIL import Image


def rectify(path, theta):
    pixels = np.asarray(Image.open(path).convert("RGB"))
    img = torch.from_numpy(pixels).permute(2, 0, 1)[None]  # expect: TL109:11 lines=14
    grid = F.affine_grid(theta[None], list(img.shape), align_corners=False)
    return F.grid_sample(img, grid, align_corners=False)

# source: https://github.com/crowsonkb/v-diffusion-pytorch/issues/13
# error: TypeError: can't convert cuda:0 device type tensor to numpy. Use Tensor.cpu() to copy the tensor to host memory first.
# pattern: numpy-of-device-tensor
# shape: helper, multi-file
# bug-lines: 27
# needs: torch, pillow
# cpu: no written where torch was not installed; not run

import math

import torch
from PIL import Image


def t_to_alpha_sigma(t):
    """Cosine noise schedule: timestep in [0, 1] -> (alpha, sigma)."""
    return torch.cos(t * math.pi / 2), torch.sin(t * math.pi / 2)


def alpha_sigma_to_t(alpha, sigma):
    return torch.atan2(sigma, alpha) * 2 / math.pi


def to_pil_image(x):
    """Convert a (3, H, W) tensor with values in [-1, 1] to a PIL image."""
    x = ((x.clamp(-1, 1) + 1) / 2 * 255).round().to(torch.uint8)
    arr = x.permute(1, 2, 0).numpy()
    return Image.fromarray(arr)

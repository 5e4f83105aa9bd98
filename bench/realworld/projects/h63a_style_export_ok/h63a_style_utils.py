# source: https://github.com/pytorch/examples/pull/397
# error: TypeError: can't convert cuda:0 device type tensor to numpy. Use Tensor.cpu() to copy the tensor to host memory first.
# pattern: numpy-of-device-tensor
# shape: multi-file, helper
# looks-like: numpy-of-device-tensor
# needs: torch, numpy, pillow
# cpu: no written where torch was not installed; not run
"""Image helpers for the fast-neural-style eval / export script."""
import numpy as np
import torch
from PIL import Image


def load_image(filename, scale=None):
    img = Image.open(filename).convert("RGB")
    if scale is not None:
        img = img.resize((int(img.size[0] / scale), int(img.size[1] / scale)), Image.LANCZOS)
    arr = np.asarray(img, dtype=np.float32).transpose(2, 0, 1)
    return torch.from_numpy(arr.copy()).unsqueeze(0)


def save_image(filename, data):
    img = data.detach().cpu().clamp(0, 255).numpy()
    img = img.transpose(1, 2, 0).astype("uint8")
    Image.fromarray(img).save(filename)


def max_abs_diff(a, b):
    a = a.detach().cpu().numpy() if torch.is_tensor(a) else np.asarray(a)
    b = b.detach().cpu().numpy() if torch.is_tensor(b) else np.asarray(b)
    return float(np.abs(a - b).max())

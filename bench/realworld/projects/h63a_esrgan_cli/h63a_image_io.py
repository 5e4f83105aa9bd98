# source: https://github.com/xinntao/ESRGAN/issues/88
# error: AssertionError: Torch not compiled with CUDA enabled
# pattern: hard-coded-cuda
# shape: multi-file, helper
# bug-lines: 20
# needs: torch, opencv-python, numpy
# cpu: no written where torch was not installed; not run
"""Image <-> tensor helpers shared by the upscaler and the batch script."""
import cv2
import numpy as np
import torch


def read_image(path):
    img = cv2.imread(path, cv2.IMREAD_COLOR)
    if img is None:
        raise FileNotFoundError(path)
    img = img.astype(np.float32) / 255.0
    img = torch.from_numpy(np.transpose(img[:, :, [2, 1, 0]], (2, 0, 1)))
    return img.unsqueeze(0).cuda()


def write_image(path, tensor):
    out = tensor.detach().squeeze(0).float().cpu().clamp_(0, 1).numpy()
    out = np.transpose(out[[2, 1, 0], :, :], (1, 2, 0))
    cv2.imwrite(path, (out * 255.0).round().astype(np.uint8))


def split_tiles(img, tile=256, pad=16):
    _, _, h, w = img.shape
    for y in range(0, h, tile):
        for x in range(0, w, tile):
            y0, x0 = max(y - pad, 0), max(x - pad, 0)
            y1, x1 = min(y + tile + pad, h), min(x + tile + pad, w)
            yield (y, x, y0, x0), img[:, :, y0:y1, x0:x1]

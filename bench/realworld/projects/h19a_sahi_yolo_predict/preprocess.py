# source: https://github.com/kadirnar/Yolov6-SAHI/pull/4
# error: RuntimeError: Input type (torch.FloatTensor) and weight type (torch.cuda.FloatTensor) should be the same
# pattern: inputs-not-moved
# shape: multi-file, class, helper
# needs: torch, numpy
# cpu: no written where torch was not installed; not run
import math

import numpy as np
import torch
import torch.nn.functional as F


def make_divisible(x, divisor):
    return math.ceil(x / divisor) * divisor


def letterbox(image, new_size=640, stride=32, fill=114 / 255.0):
    """Resize a CHW float tensor keeping aspect ratio, then pad to a stride multiple."""
    _, h, w = image.shape
    r = min(new_size / h, new_size / w)
    nh, nw = int(round(h * r)), int(round(w * r))
    image = F.interpolate(image.unsqueeze(0), size=(nh, nw), mode="bilinear", align_corners=False)[0]
    ph, pw = make_divisible(nh, stride) - nh, make_divisible(nw, stride) - nw
    top, left = ph // 2, pw // 2
    image = F.pad(image, (left, pw - left, top, ph - top), value=fill)
    return image, r, (left, top)


def precess_image(img_src, img_size, stride):
    """HWC uint8 RGB array -> (1, 3, H, W) float tensor in [0, 1], letterboxed."""
    src_shape = img_src.shape[:2]
    image = torch.from_numpy(np.ascontiguousarray(img_src.transpose(2, 0, 1))).float() / 255.0
    image, ratio, pad = letterbox(image, img_size, stride)
    return image.unsqueeze(0), (ratio, pad), src_shape

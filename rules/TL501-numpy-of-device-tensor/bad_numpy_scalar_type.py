# numpy's scalar types make an array of a tensor they are given, through __array__:
# a tensor on the GPU cannot be one. The frame is a tensor, so the helper takes the
# tensor's branch of its isinstance test.
import numpy as np
import torch


def to_gray(frame):
    if isinstance(frame, np.ndarray):
        frame = torch.from_numpy(frame)
    return frame.float().mean(dim=-1)


def thumbnails(frames, device):
    out = []
    for frame in frames:
        gray = to_gray(frame.to(device))
        out.append(np.uint8(gray.clamp(0, 255)))  # expect: TL501:20 lines=17
    return out

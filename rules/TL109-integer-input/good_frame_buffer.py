# The stacked uint8 clip is converted to float (and scaled) before the convolution.
from collections import deque

import numpy as np
import torch
from torch import nn


class ClipBuffer:
    def __init__(self, length=8):
        self.frames = deque(maxlen=length)

    def add(self, frame):
        self.frames.append(frame)

    def clip(self):
        return torch.from_numpy(np.stack(self.frames)).permute(3, 0, 1, 2).float() / 255


def read_frame():
    return np.zeros((32, 32, 3), dtype=np.uint8)


if __name__ == "__main__":
    model = nn.Conv3d(3, 8, 3)
    buffer = ClipBuffer()
    for _ in range(8):
        buffer.add(read_frame())
    print(model(buffer.clip()[None]).shape)

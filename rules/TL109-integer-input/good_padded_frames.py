# The padded frame is scaled to floats before the convolutions see it.
import cv2
import numpy as np
import torch
from torch import nn


class Pyramid(nn.Module):
    def __init__(self):
        super().__init__()
        self.stages = nn.ModuleList([nn.Conv2d(3, 16, 3, 2, 1), nn.Conv2d(16, 32, 3, 2, 1)])

    def forward(self, x):
        for stage in self.stages:
            x = torch.relu(stage(x))
        return x


def to_batch(frame, multiple=32):
    h, w = frame.shape[:2]
    padded = np.pad(frame, ((0, -h % multiple), (0, -w % multiple), (0, 0)), mode="edge")
    return torch.from_numpy(padded).permute(2, 0, 1)[None].float() / 255


model = Pyramid().cuda().eval()
frame = cv2.imread("frame.png")
print(model(to_batch(frame).cuda()).shape)

import cv2
import torch
from torch import nn


# The frame's uint8 pixels are scaled to floats in [0, 1] before the convolution.
def run(camera_index=0):
    detector = nn.Sequential(nn.Conv2d(3, 8, 3), nn.ReLU(), nn.Conv2d(8, 1, 1))
    capture = cv2.VideoCapture(camera_index)
    while True:
        ok, frame = capture.read()
        if not ok:
            break
        batch = torch.from_numpy(frame).permute(2, 0, 1).unsqueeze(0).float() / 255
        heat = detector(batch)
        print(heat.amax().item())

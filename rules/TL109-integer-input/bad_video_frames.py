# A webcam demo feeds each frame OpenCV reads, uint8 BGR pixels, straight into the
# detector's first convolution.
import cv2
import torch
from torch import nn


def run(camera_index=0):
    detector = nn.Sequential(nn.Conv2d(3, 8, 3), nn.ReLU(), nn.Conv2d(8, 1, 1))
    capture = cv2.VideoCapture(camera_index)
    while True:
        ok, frame = capture.read()
        if not ok:
            break
        batch = torch.from_numpy(frame).permute(2, 0, 1).unsqueeze(0)  # expect: TL109:17 lines=16
        heat = detector(batch)
        print(heat.amax().item())

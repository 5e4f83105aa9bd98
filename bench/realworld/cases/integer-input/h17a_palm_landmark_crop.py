# source: https://github.com/vidursatija/BlazePalm/issues/5
# error: RuntimeError: expected scalar type Byte but found Float
# pattern: integer-input
# shape: helper
# bug-lines: 42, 59
# needs: torch, numpy, opencv-python
# cpu: no written where torch was not installed; not run
"""Run the hand-landmark network on a fixed crop of every video frame."""
import sys

import cv2
import numpy as np
import torch
import torch.nn as nn


class HandLandmarkNet(nn.Module):
    def __init__(self, num_points=21):
        super().__init__()
        self.backbone = nn.Sequential(
            nn.Conv2d(3, 24, 3, stride=2, padding=1), nn.ReLU(),
            nn.Conv2d(24, 48, 3, stride=2, padding=1), nn.ReLU(),
            nn.Conv2d(48, 96, 3, stride=2, padding=1), nn.ReLU(),
            nn.AdaptiveAvgPool2d(1),
        )
        self.head = nn.Linear(96, num_points * 3)

    def forward(self, x):
        feats = self.backbone(x).flatten(1)
        return self.head(feats).view(x.shape[0], -1, 3)


def crop_hand(frame, box, size=256):
    x0, y0, x1, y1 = [int(v) for v in box]
    patch = frame[max(y0, 0):y1, max(x0, 0):x1]
    patch = cv2.resize(patch, (size, size), interpolation=cv2.INTER_LINEAR)
    return cv2.cvtColor(patch, cv2.COLOR_BGR2RGB)


def to_model_input(patch: np.ndarray) -> torch.Tensor:
    # HWC image -> NCHW batch of one
    return torch.from_numpy(patch).permute(2, 0, 1).unsqueeze(0)


def main(video_path, weights="hand_landmark.pth"):
    model = HandLandmarkNet()
    model.load_state_dict(torch.load(weights, map_location="cpu"))
    model.eval()

    cap = cv2.VideoCapture(video_path)
    box = (100, 80, 356, 336)
    frame_idx = 0
    while True:
        ok, frame = cap.read()
        if not ok:
            break
        inp = to_model_input(crop_hand(frame, box))
        with torch.no_grad():
            landmarks = model(inp)
        print(frame_idx, landmarks[0, :3].tolist())
        frame_idx += 1
    cap.release()


if __name__ == "__main__":
    main(sys.argv[1])

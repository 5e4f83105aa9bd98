# source: https://github.com/ultralytics/yolov3/issues/1085
# error: RuntimeError: Input type (torch.cuda.FloatTensor) and weight type (torch.cuda.HalfTensor) should be the same
# pattern: input-dtype-mismatch
# shape: class, helper, loader-loop
# looks-like: input-dtype-mismatch
# cpu: clean
# needs: torch, numpy
import argparse

import numpy as np
import torch
import torch.nn as nn


def letterbox(frame, size=64):
    h, w = frame.shape[:2]
    out = np.full((size, size, 3), 114, dtype=np.uint8)
    out[: min(h, size), : min(w, size)] = frame[:size, :size]
    return out


def load_frames(n=3):
    rng = np.random.default_rng(0)
    for i in range(n):
        yield f"frame_{i:04d}.jpg", rng.integers(0, 256, size=(48, 80, 3), dtype=np.uint8)


class Detector:
    def __init__(self, weights_channels=16, half=False):
        self.device = torch.device("cuda:0" if torch.cuda.is_available() else "cpu")
        self.model = nn.Sequential(
            nn.Conv2d(3, weights_channels, 3, stride=2, padding=1),
            nn.SiLU(),
            nn.Conv2d(weights_channels, 85, 1),
        )
        self.model.to(self.device).eval()
        self.half = half
        if self.half:
            self.model.half()

    @torch.no_grad()
    def detect(self, frame):
        img = letterbox(frame)
        img = np.ascontiguousarray(img.transpose(2, 0, 1))
        img = torch.from_numpy(img).to(self.device)
        img = (img.half() if self.half else img.float()) / 255.0
        img = img.unsqueeze(0)
        pred = self.model(img)
        return pred.view(pred.shape[0], 85, -1).permute(0, 2, 1)


parser = argparse.ArgumentParser()
parser.add_argument("--half", action="store_true", default=True, help="half precision FP16 inference")
opt = parser.parse_args()

detector = Detector(half=opt.half)
for path, frame in load_frames():
    pred = detector.detect(frame)
    print(path, tuple(pred.shape))

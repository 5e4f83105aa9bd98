# source: https://github.com/Cartucho/OpenLabeling/pull/58
# error: AssertionError: Torch not compiled with CUDA enabled
# pattern: hard-coded-cuda
# shape: multi-file, class, loader-loop
# bug-lines: 27
# needs: torch, numpy, opencv-python
# cpu: no written where torch was not installed; not run
"""Propagate a labelled bounding box through the next frames of a video (annotation helper)."""
import os
import sys

import cv2
import numpy as np
import torch

from siam_net import SiamRPNLite
from siam_track import siamese_init, siamese_track


class DaSiamLabelTracker:
    def __init__(self, model_path="DaSiamRPN/code/SiamRPNBIG.model"):
        if not os.path.exists(model_path):
            print("Error: tracker weights not found, download them into DaSiamRPN/code/")
            sys.exit(1)
        self.net = SiamRPNLite()
        self.net.load_state_dict(torch.load(model_path, map_location="cpu"))
        self.net.eval().cuda()
        self.state = None

    def init(self, frame, bbox):
        x, y, w, h = bbox
        pos = np.array([x + w / 2, y + h / 2])
        self.state = siamese_init(frame, pos, np.array([w, h]), self.net)

    def update(self, frame):
        self.state = siamese_track(self.state, frame)
        cx, cy = self.state["target_pos"]
        w, h = self.state["target_sz"]
        return [int(cx - w / 2), int(cy - h / 2), int(w), int(h)]


def propagate(video_path, first_bbox, n_frames=30):
    cap = cv2.VideoCapture(video_path)
    ok, frame = cap.read()
    tracker = DaSiamLabelTracker()
    tracker.init(frame, first_bbox)
    boxes = [first_bbox]
    while ok and len(boxes) < n_frames:
        ok, frame = cap.read()
        if ok:
            boxes.append(tracker.update(frame))
    return boxes


if __name__ == "__main__":
    print(propagate(sys.argv[1], [100, 80, 60, 120]))

# source: https://github.com/open-mmlab/mmtracking/issues/390
# error: RuntimeError: Input type (torch.cuda.ByteTensor) and weight type (torch.cuda.FloatTensor) should be the same
# pattern: integer-input
# shape: helper, class, loader-loop
# bug-lines: 34, 48
# needs: torch, numpy, opencv-python
# cpu: no written where torch was not installed; not run
"""Run a centre-point pedestrian detector + greedy IoU tracker over a video and save the result."""
import argparse

import cv2
import numpy as np
import torch
from torch import nn


class CenterDetector(nn.Module):
    def __init__(self):
        super().__init__()
        self.backbone = nn.Sequential(
            nn.Conv2d(3, 32, 3, stride=2, padding=1), nn.ReLU(),
            nn.Conv2d(32, 64, 3, stride=2, padding=1), nn.ReLU())
        self.heatmap = nn.Conv2d(64, 1, 1)
        self.size = nn.Conv2d(64, 2, 1)

    def forward(self, img):
        feat = self.backbone(img)
        return torch.sigmoid(self.heatmap(feat)), self.size(feat)


def preprocess(frame, device, size=(640, 384)):
    frame = cv2.resize(frame, size)
    frame = cv2.cvtColor(frame, cv2.COLOR_BGR2RGB)
    return torch.from_numpy(frame).permute(2, 0, 1).unsqueeze(0).to(device)


class VideoTracker:
    def __init__(self, checkpoint, device, score_thr=0.4):
        self.device = device
        self.model = CenterDetector().to(device).eval()
        self.model.load_state_dict(torch.load(checkpoint, map_location=device))
        self.score_thr = score_thr
        self.next_id = 0

    @torch.no_grad()
    def step(self, frame):
        img = preprocess(frame, self.device)
        heat, wh = self.model(img)
        ys, xs = torch.nonzero(heat[0, 0] > self.score_thr, as_tuple=True)
        boxes = torch.stack([xs * 4, ys * 4, wh[0, 0, ys, xs], wh[0, 1, ys, xs]], dim=1)
        ids = np.arange(self.next_id, self.next_id + len(boxes))
        self.next_id += len(boxes)
        return boxes.cpu().numpy(), ids


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--input", default="demo/demo.mp4")
    parser.add_argument("--output", default="result.mp4")
    parser.add_argument("--checkpoint", default="checkpoints/center_mot17.pth")
    args = parser.parse_args()
    device = torch.device("cuda:0" if torch.cuda.is_available() else "cpu")
    tracker = VideoTracker(args.checkpoint, device)
    cap = cv2.VideoCapture(args.input)
    writer = cv2.VideoWriter(args.output, cv2.VideoWriter_fourcc(*"mp4v"), 25, (640, 384))
    while True:
        ok, frame = cap.read()
        if not ok:
            break
        boxes, ids = tracker.step(frame)
        frame = cv2.resize(frame, (640, 384))
        for (x, y, w, h), tid in zip(boxes, ids):
            cv2.rectangle(frame, (int(x - w / 2), int(y - h / 2)), (int(x + w / 2), int(y + h / 2)), (0, 255, 0), 2)
            cv2.putText(frame, str(tid), (int(x), int(y)), cv2.FONT_HERSHEY_SIMPLEX, 0.5, (0, 0, 255), 1)
        writer.write(frame)
    writer.release()


if __name__ == "__main__":
    main()

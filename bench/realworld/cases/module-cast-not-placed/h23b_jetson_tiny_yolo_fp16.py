# source: https://github.com/ultralytics/yolov3/issues/1671
# error: RuntimeError: Input type (torch.cuda.HalfTensor) and weight type (torch.HalfTensor) should be the same
# pattern: module-cast-not-placed
# shape: class, loader-loop
# bug-lines: 25, 38
# needs: torch, numpy, opencv-python
# cpu: no written where torch was not installed; not run
import time

import cv2
import numpy as np
import torch


class TinyYoloTracker(object):
    """Runs YOLOv3-tiny (loaded from PyTorch Hub) on a camera stream for the tracker."""

    def __init__(self, weights="best_tiny_415.pt", img_size=416, half=True):
        self.device = torch.device("cuda:0" if torch.cuda.is_available() else "cpu")
        self.img_size = img_size
        self.half = half and self.device.type == "cuda"
        model = torch.hub.load("ultralytics/yolov3", "custom", path=weights, autoshape=False)
        model.eval()
        if self.half:
            model.half()
        self.model = model

    def preprocess(self, frame):
        img = cv2.resize(frame, (self.img_size, self.img_size))
        img = img[:, :, ::-1].transpose(2, 0, 1)
        img = torch.from_numpy(np.ascontiguousarray(img)).to(self.device)
        img = img.half() if self.half else img.float()
        return (img / 255.0).unsqueeze(0)

    @torch.no_grad()
    def detect(self, frame, conf_thres=0.3):
        img = self.preprocess(frame)
        pred = self.model(img)[0]
        pred = pred[pred[..., 4] > conf_thres]
        return pred.float().cpu().numpy()


def run(source=0):
    tracker = TinyYoloTracker()
    cap = cv2.VideoCapture(source)
    while cap.isOpened():
        ok, frame = cap.read()
        if not ok:
            break
        t0 = time.time()
        dets = tracker.detect(frame)
        print(f"{len(dets)} detections, {1.0 / (time.time() - t0):.1f} FPS")
    cap.release()


if __name__ == "__main__":
    run()

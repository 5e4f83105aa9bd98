# source: https://github.com/ultralytics/yolov5/issues/3280
# error: RuntimeError: "slow_conv2d_cpu" not implemented for 'Half'
# pattern: half-on-cpu
# shape: class, loader-loop
# looks-like: half-on-cpu
# needs: torch, numpy, cv2
# cpu: no written where torch was not installed; not run
import argparse

import cv2
import numpy as np
import torch
import torch.nn as nn


def select_device(name):
    if name != "cpu" and torch.cuda.is_available():
        return torch.device(f"cuda:{name}" if name.isdigit() else "cuda:0")
    return torch.device("cpu")


class ObstacleDetector(nn.Module):
    def __init__(self, num_classes=6):
        super().__init__()
        self.features = nn.Sequential(
            nn.Conv2d(3, 32, 3, 2, 1), nn.BatchNorm2d(32), nn.SiLU(),
            nn.Conv2d(32, 64, 3, 2, 1), nn.BatchNorm2d(64), nn.SiLU(),
            nn.Conv2d(64, 128, 3, 2, 1), nn.BatchNorm2d(128), nn.SiLU(),
        )
        self.pred = nn.Conv2d(128, 5 + num_classes, 1)

    def forward(self, x):
        return self.pred(self.features(x)).flatten(2).transpose(1, 2)


class DetectorNode:
    """Consumes frames from the robot's front camera and publishes obstacle candidates."""

    def __init__(self, weights, device="0", imgsz=416, conf_thres=0.25):
        self.device = select_device(device)
        self.half = self.device.type != "cpu"  # half precision only supported on CUDA
        self.model = ObstacleDetector()
        self.model.load_state_dict(torch.load(weights, map_location="cpu"))
        self.model.to(self.device).eval()
        if self.half:
            self.model.half()
        self.imgsz, self.conf_thres = imgsz, conf_thres
        warmup = torch.zeros(1, 3, imgsz, imgsz, device=self.device)
        self.model(warmup.half() if self.half else warmup)

    @torch.no_grad()
    def on_image(self, frame_bgr):
        img = cv2.resize(frame_bgr, (self.imgsz, self.imgsz))[:, :, ::-1].transpose(2, 0, 1)
        img = torch.from_numpy(np.ascontiguousarray(img)).to(self.device)
        img = img.half() if self.half else img.float()
        img /= 255.0
        pred = self.model(img[None])[0]
        keep = pred[:, 4].sigmoid() > self.conf_thres
        return pred[keep].float().cpu().numpy()


if __name__ == "__main__":
    ap = argparse.ArgumentParser()
    ap.add_argument("--weights", default="obstacle_det.pt")
    ap.add_argument("--device", default="cpu")
    ap.add_argument("--source", default="front_cam.mp4")
    opt = ap.parse_args()
    node = DetectorNode(opt.weights, opt.device)
    cap = cv2.VideoCapture(opt.source)
    while True:
        ok, frame = cap.read()
        if not ok:
            break
        print(len(node.on_image(frame)), "obstacles")

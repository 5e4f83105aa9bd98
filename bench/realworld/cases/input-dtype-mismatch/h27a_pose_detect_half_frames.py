# source: https://github.com/ultralytics/yolov5/issues/78
# error: RuntimeError: Input type (torch.cuda.FloatTensor) and weight type (torch.cuda.HalfTensor) should be the same
# pattern: input-dtype-mismatch
# shape: loader-loop, helper
# looks-like: input-dtype-mismatch
# needs: torch, numpy, opencv-python
# cpu: no written where torch was not installed; not run
"""Run a TorchScript keypoint model over a video, in FP16 when a GPU is present."""
import argparse

import cv2
import numpy as np
import torch


def letterbox(frame, size=640):
    h, w = frame.shape[:2]
    r = size / max(h, w)
    resized = cv2.resize(frame, (int(w * r), int(h * r)))
    canvas = np.full((size, size, 3), 114, dtype=np.uint8)
    canvas[: resized.shape[0], : resized.shape[1]] = resized
    return canvas, r


def load_frames(source, size):
    cap = cv2.VideoCapture(source)
    ok, frame = cap.read()
    while ok:
        img, ratio = letterbox(frame, size)
        img = img[:, :, ::-1].transpose(2, 0, 1)
        yield np.ascontiguousarray(img), frame, ratio
        ok, frame = cap.read()


def detect(weights, source, img_size=640):
    device = torch.device("cuda:0" if torch.cuda.is_available() else "cpu")
    half = device.type != "cpu"
    model = torch.jit.load(weights, map_location=device).eval()
    if half:
        model.half()

    img = torch.zeros((1, 3, img_size, img_size), device=device)
    _ = model(img.half() if half else img.float()) if device.type != "cpu" else None  # run once

    for img, frame, ratio in load_frames(source, img_size):
        img = torch.from_numpy(img).to(device)
        img = img.half() if half else img.float()
        img /= 255.0
        if img.ndimension() == 3:
            img = img.unsqueeze(0)
        with torch.no_grad():
            pred = model(img)[0]
        kpts = pred[..., 6:].reshape(pred.shape[0], -1, 3).float().cpu() / ratio
        print(f"{len(kpts)} people, first wrist at {kpts[0, 9, :2].tolist() if len(kpts) else None}")


if __name__ == "__main__":
    ap = argparse.ArgumentParser()
    ap.add_argument("--weights", default="yolov5s6_pose.torchscript")
    ap.add_argument("--source", default="walk.mp4")
    args = ap.parse_args()
    detect(args.weights, args.source)

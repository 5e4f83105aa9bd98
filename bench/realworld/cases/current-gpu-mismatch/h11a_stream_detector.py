# source: https://github.com/openremote/or-objectdetection/issues/5
# error: RuntimeError: Expected tensor for argument #1 'input' to have the same device as tensor for argument #2 'weight'; but device 0 does not equal 1 (while checking arguments for cudnn_convolution)
# pattern: current-gpu-mismatch
# shape: helper, loader-loop
# bug-lines: 43
# needs: torch, numpy, opencv-python
# cpu: no written where torch was not installed; not run
"""Run a small single-stage detector over a video stream on a chosen GPU."""
import argparse

import cv2
import numpy as np
import torch
import torch.nn as nn


class TinyDetector(nn.Module):
    def __init__(self, num_classes=3, num_anchors=3):
        super().__init__()
        chans = [3, 16, 32, 64, 128]
        layers = []
        for cin, cout in zip(chans[:-1], chans[1:]):
            layers += [nn.Conv2d(cin, cout, 3, stride=2, padding=1), nn.BatchNorm2d(cout), nn.LeakyReLU(0.1)]
        self.backbone = nn.Sequential(*layers)
        self.head = nn.Conv2d(128, num_anchors * (5 + num_classes), 1)

    def forward(self, x):
        return self.head(self.backbone(x))


def letterbox(frame, size=416):
    h, w = frame.shape[:2]
    scale = size / max(h, w)
    resized = cv2.resize(frame, (int(w * scale), int(h * scale)))
    canvas = np.full((size, size, 3), 128, dtype=np.uint8)
    canvas[: resized.shape[0], : resized.shape[1]] = resized
    return canvas


def frame_to_tensor(frame):
    img = letterbox(frame)[:, :, ::-1].transpose(2, 0, 1).copy()
    img = torch.from_numpy(img).float().div(255.0).unsqueeze(0)
    return img.cuda()


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--source", default="rtsp://camera.local/stream1")
    parser.add_argument("--weights", default="tiny_detector.pt")
    parser.add_argument("--gpu", type=int, default=1)
    parser.add_argument("--conf", type=float, default=0.4)
    args = parser.parse_args()

    device = torch.device(f"cuda:{args.gpu}")
    model = TinyDetector()
    model.load_state_dict(torch.load(args.weights, map_location="cpu"))
    model.to(device).eval()

    cap = cv2.VideoCapture(args.source)
    with torch.no_grad():
        while cap.isOpened():
            ok, frame = cap.read()
            if not ok:
                break
            pred = model(frame_to_tensor(frame))
            obj = torch.sigmoid(pred[:, 4::8])
            print(f"{int((obj > args.conf).sum())} candidate boxes")
    cap.release()


if __name__ == "__main__":
    main()

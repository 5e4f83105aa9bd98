# source: https://github.com/naseemap47/YOLO-NAS/pull/29
# error: RuntimeError: Input type (torch.cuda.ByteTensor) and weight type (torch.cuda.HalfTensor) should be the same
# pattern: integer-input
# shape: helper, loader-loop
# bug-lines: 44, 61
# needs: torch, numpy, cv2
# cpu: no written where torch was not installed; not run
import argparse

import cv2
import numpy as np
import torch
import torch.nn as nn


class TinyVehicleDetector(nn.Module):
    """Anchor-free single-scale head: (cls logits, l/t/r/b distances) per cell."""

    def __init__(self, num_classes=4):
        super().__init__()
        layers, c = [], 3
        for out_c in (16, 32, 64, 128, 128):
            layers += [nn.Conv2d(c, out_c, 3, 2, 1, bias=False), nn.BatchNorm2d(out_c), nn.SiLU()]
            c = out_c
        self.backbone = nn.Sequential(*layers)
        self.head = nn.Conv2d(c, num_classes + 4, 1)

    def forward(self, x):
        return self.head(self.backbone(x))


def letterbox(frame, size=640):
    h, w = frame.shape[:2]
    r = size / max(h, w)
    resized = cv2.resize(frame, (int(round(w * r)), int(round(h * r))))
    canvas = np.full((size, size, 3), 114, dtype=np.uint8)
    canvas[:resized.shape[0], :resized.shape[1]] = resized
    return canvas, r


def preprocess(frame, device):
    img, ratio = letterbox(frame)
    img = np.ascontiguousarray(img[:, :, ::-1].transpose(2, 0, 1))  # BGR->RGB, HWC->CHW
    return torch.from_numpy(img).unsqueeze(0).to(device), ratio


def run(video_path, weights, conf_thres=0.4):
    device = torch.device("cuda:0")
    model = TinyVehicleDetector()
    model.load_state_dict(torch.load(weights, map_location="cpu"))
    model = model.to(device).eval().half()

    cap = cv2.VideoCapture(video_path)
    frame_idx = 0
    while cap.isOpened():
        ok, frame = cap.read()
        if not ok:
            break
        im, ratio = preprocess(frame, device)
        with torch.no_grad():
            out = model(im)
        scores = out[0, :-4].sigmoid().amax(0)
        n = int((scores > conf_thres).sum())
        print(f"frame {frame_idx}: {n} candidate cells (scale {ratio:.3f})")
        frame_idx += 1
    cap.release()


if __name__ == "__main__":
    p = argparse.ArgumentParser()
    p.add_argument("--source", default="dashcam_0001.mp4")
    p.add_argument("--weights", default="vehicle_det.pt")
    args = p.parse_args()
    run(args.source, args.weights)

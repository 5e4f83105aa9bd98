# source: https://github.com/WZS666/Yolov5_DeepSort_SpeedEstimate/issues/1
# error: TypeError: can't convert cuda:0 device type tensor to numpy. Use Tensor.cpu() to copy the tensor to host memory first.
# pattern: numpy-of-device-tensor
# shape: multi-file, loader-loop, helper
# bug-lines: 54
# needs: torch, numpy
# cpu: clean
"""Detect vehicles/pedestrians per frame, track them, and estimate speed from track displacement."""
import numpy as np
import torch
import torch.nn as nn

from tracker import SpeedTracker


def xyxy2xywh(x):
    y = x.clone()
    y[:, 0] = (x[:, 0] + x[:, 2]) / 2
    y[:, 1] = (x[:, 1] + x[:, 3]) / 2
    y[:, 2] = x[:, 2] - x[:, 0]
    y[:, 3] = x[:, 3] - x[:, 1]
    return y


class ToyDetector(nn.Module):
    """Stands in for YOLOv5: returns (n, 6) = x1, y1, x2, y2, conf, cls per image."""

    def __init__(self, n=6):
        super().__init__()
        self.n = n
        self.proj = nn.Linear(3, 6 * n)

    def forward(self, img):
        feats = img.mean(dim=(2, 3))
        raw = self.proj(feats).view(img.shape[0], self.n, 6).sigmoid()
        xy = raw[..., :2] * 500
        wh = raw[..., 2:4] * 100 + 10
        cls = (raw[..., 5:6] * 3).floor()
        return torch.cat([xy, xy + wh, raw[..., 4:5], cls], -1)


def run(num_frames=5, fps=25.0, meters_per_pixel=0.05):
    device = torch.device("cuda:0" if torch.cuda.is_available() else "cpu")
    model = ToyDetector().to(device).eval()
    tracker = SpeedTracker()
    last_pos = {}
    for frame_idx in range(num_frames):
        frame = np.random.randint(0, 255, (640, 640, 3), dtype=np.uint8)
        img = torch.from_numpy(frame).to(device).permute(2, 0, 1)[None].float() / 255.0
        with torch.no_grad():
            det = model(img)[0]
        xywhs = xyxy2xywh(det[:, 0:4]).cpu()
        confs = det[:, 4].cpu()
        clss = det[:, 5]
        outputs = tracker.update(xywhs, confs, clss, frame)
        for x1, y1, x2, y2, tid, cls_id in outputs:
            cx, cy = (x1 + x2) / 2, (y1 + y2) / 2
            if tid in last_pos:
                px = np.hypot(cx - last_pos[tid][0], cy - last_pos[tid][1])
                print(f"frame {frame_idx} id {tid} cls {cls_id}: {px * meters_per_pixel * fps * 3.6:.1f} km/h")
            last_pos[tid] = (cx, cy)


if __name__ == "__main__":
    run()

# source: https://github.com/RootKit-Org/AI-Aimbot/issues/114
# error: RuntimeError: "slow_conv2d_cpu" not implemented for 'Half'
# pattern: half-on-cpu
# shape: top-level, loader-loop
# bug-lines: 26, 43
# needs: torch, numpy, mss
# cpu: no written where torch was not installed; not run
"""Grabs the centre of the screen in a loop and runs a YOLOv5 detector on it."""
import time

import mss
import numpy as np
import torch
import torch.nn.functional as F

CONF_THRESHOLD = 0.45
REGION = 320

device = torch.device("cuda" if torch.cuda.is_available() else "cpu")
print(f"running on {device}")

model = torch.hub.load("ultralytics/yolov5", "custom", path="weights/best.pt",
                       autoshape=False, force_reload=False)
model.eval()
# fp16 roughly doubles the frame rate
model = model.to(device, dtype=torch.float16)

sct = mss.mss()
mon = sct.monitors[1]
box = {
    "left": mon["left"] + mon["width"] // 2 - REGION // 2,
    "top": mon["top"] + mon["height"] // 2 - REGION // 2,
    "width": REGION,
    "height": REGION,
}

last = time.perf_counter()
frames = 0
while True:
    shot = np.array(sct.grab(box))[:, :, :3]           # BGRA -> BGR
    shot = np.ascontiguousarray(shot[:, :, ::-1])       # -> RGB
    im = torch.from_numpy(shot).permute(2, 0, 1).unsqueeze(0)
    im = im.to(device, dtype=torch.float16) / 255.0
    im = F.interpolate(im, size=(640, 640), mode="bilinear", align_corners=False)

    with torch.no_grad():
        pred = model(im)[0]                             # 1 x N x (5 + classes)
    boxes = pred[0][pred[0][:, 4] > CONF_THRESHOLD]
    if len(boxes):
        cx, cy = boxes[0, 0].item(), boxes[0, 1].item()
        print(f"target at ({cx:.0f}, {cy:.0f}) conf {boxes[0, 4].item():.2f}")

    frames += 1
    if time.perf_counter() - last > 1.0:
        print(f"fps: {frames}")
        frames, last = 0, time.perf_counter()

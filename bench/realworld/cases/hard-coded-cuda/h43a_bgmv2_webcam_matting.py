# source: https://github.com/PeterL1n/BackgroundMattingV2/issues/42
# error: AssertionError: Torch not compiled with CUDA enabled
# pattern: hard-coded-cuda
# shape: helper, top-level
# bug-lines: 42, 53
# needs: torch, torchvision, numpy, opencv-python, pillow
# cpu: no written where torch was not installed; not run
"""Live background replacement from a webcam with a refine-matting network."""
import argparse

import cv2
import numpy as np
import torch
import torch.nn as nn
from PIL import Image
from torchvision.transforms.functional import to_tensor

parser = argparse.ArgumentParser(description="webcam matting demo")
parser.add_argument("--checkpoint", required=True)
parser.add_argument("--width", type=int, default=1280)
parser.add_argument("--height", type=int, default=720)
args = parser.parse_args()


class MattingRefineNet(nn.Module):
    def __init__(self, width=32):
        super().__init__()
        self.encoder = nn.Sequential(
            nn.Conv2d(6, width, 3, padding=1), nn.ReLU(inplace=True),
            nn.Conv2d(width, width, 3, padding=1), nn.ReLU(inplace=True))
        self.head = nn.Conv2d(width, 4, 3, padding=1)

    def forward(self, src, bgr):
        out = self.head(self.encoder(torch.cat([src, bgr], dim=1)))
        pha = out[:, :1].sigmoid()
        fgr = (out[:, 1:] + src).clamp(0, 1)
        return pha, fgr


def frame_to_tensor(frame):
    rgb = cv2.cvtColor(frame, cv2.COLOR_BGR2RGB)
    return to_tensor(Image.fromarray(rgb)).unsqueeze_(0).cuda()


def compose_green(pha, fgr):
    green = torch.tensor([120 / 255, 255 / 255, 155 / 255], device=pha.device).view(1, 3, 1, 1)
    out = pha * fgr + (1 - pha) * green
    return out.mul(255).byte().cpu().permute(0, 2, 3, 1).numpy()[0]


model = MattingRefineNet()
model.load_state_dict(torch.load(args.checkpoint, map_location="cpu"), strict=False)
model = model.cuda().eval()

cam = cv2.VideoCapture(0)
cam.set(cv2.CAP_PROP_FRAME_WIDTH, args.width)
cam.set(cv2.CAP_PROP_FRAME_HEIGHT, args.height)

background = None
with torch.no_grad():
    while True:
        ok, frame = cam.read()
        if not ok:
            break
        key = cv2.waitKey(1) & 0xFF
        if key == ord("b"):
            background = frame_to_tensor(frame)
            continue
        if key == ord("q"):
            break
        if background is None:
            cv2.imshow("matting", frame)
            continue
        src = frame_to_tensor(frame)
        pha, fgr = model(src, background)[:2]
        res = compose_green(pha, fgr)
        cv2.imshow("matting", np.ascontiguousarray(res[:, :, ::-1]))

cam.release()
cv2.destroyAllWindows()

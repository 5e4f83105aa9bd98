# source: https://github.com/98mxr/GMFSS_union/issues/2
# error: RuntimeError: Input type (float) and bias type (c10::Half) should be the same
# pattern: input-dtype-mismatch
# shape: helper, loader-loop
# looks-like: input-dtype-mismatch
# needs: torch, numpy, opencv-python
# cpu: no written where torch was not installed; not run
"""Frame interpolation over a video with an optional --fp16 mode."""
import argparse

import cv2
import numpy as np
import torch
import torch.nn as nn
import torch.nn.functional as F

parser = argparse.ArgumentParser()
parser.add_argument("--video", required=True)
parser.add_argument("--model", default="train_log/flownet.pkl")
parser.add_argument("--fp16", action="store_true")
args = parser.parse_args()

device = torch.device("cuda" if torch.cuda.is_available() else "cpu")
use_fp16 = args.fp16 and device.type == "cuda"


class InterpNet(nn.Module):
    def __init__(self, ch=32):
        super().__init__()
        self.net = nn.Sequential(nn.Conv2d(6, ch, 3, padding=1), nn.PReLU(ch), nn.Conv2d(ch, 3, 3, padding=1))

    def forward(self, i0, i1):
        return torch.sigmoid(self.net(torch.cat([i0, i1], dim=1)))


model = InterpNet()
model.load_state_dict(torch.load(args.model, map_location="cpu"))
model = model.to(device).eval()
if use_fp16:
    model = model.half()


def frame_to_tensor(frame):
    return torch.from_numpy(np.transpose(frame, (2, 0, 1))).to(device).unsqueeze(0).float() / 255.0


def pad_image(img, padding):
    img = F.pad(img, padding)
    return img.half() if use_fp16 else img


cap = cv2.VideoCapture(args.video)
ok, last = cap.read()
h, w, _ = last.shape
ph, pw = ((h - 1) // 64 + 1) * 64, ((w - 1) // 64 + 1) * 64
padding = (0, pw - w, 0, ph - h)
writer = cv2.VideoWriter("out_2x.mp4", cv2.VideoWriter_fourcc(*"mp4v"), 2 * cap.get(cv2.CAP_PROP_FPS), (w, h))

I1 = pad_image(frame_to_tensor(last), padding)
with torch.no_grad():
    while True:
        ok, frame = cap.read()
        if not ok:
            break
        I0, I1 = I1, pad_image(frame_to_tensor(frame), padding)
        mid = model(I0, I1)
        mid = (mid[0, :, :h, :w].float() * 255.0).byte().cpu().numpy().transpose(1, 2, 0)
        writer.write(last)
        writer.write(mid)
        last = frame
writer.write(last)
writer.release()

# source: https://github.com/PeterL1n/BackgroundMattingV2/issues/31
# error: AssertionError: Torch not compiled with CUDA enabled
# pattern: hard-coded-cuda
# shape: helper, loader-loop
# looks-like: hard-coded-cuda
# needs: torch, torchvision, opencv-python, pillow
# cpu: no written where torch was not installed; not run
"""Background matting over a video file; runs on CPU or GPU via --device."""
import argparse

import cv2
import torch
import torch.nn as nn
from PIL import Image
from torchvision.transforms.functional import to_tensor

parser = argparse.ArgumentParser(description="video matting")
parser.add_argument("--checkpoint", required=True)
parser.add_argument("--video-src", required=True)
parser.add_argument("--video-bgr", required=True)
parser.add_argument("--output", default="pha.mp4")
parser.add_argument("--device", choices=["cpu", "cuda"], default="cuda")
args = parser.parse_args()

device = torch.device(args.device if (args.device == "cpu" or torch.cuda.is_available()) else "cpu")


class MattingBase(nn.Module):
    def __init__(self, width=32):
        super().__init__()
        self.body = nn.Sequential(nn.Conv2d(6, width, 3, padding=1), nn.ReLU(inplace=True),
                                  nn.Conv2d(width, 1, 3, padding=1))

    def forward(self, src, bgr):
        return self.body(torch.cat([src, bgr], dim=1)).sigmoid()


def read_frame_tensor(frame, dev):
    rgb = cv2.cvtColor(frame, cv2.COLOR_BGR2RGB)
    return to_tensor(Image.fromarray(rgb)).unsqueeze(0).to(dev, non_blocking=True)


model = MattingBase()
model.load_state_dict(torch.load(args.checkpoint, map_location=device), strict=False)
model = model.to(device).eval()

bgr_img = cv2.imread(args.video_bgr)
bgr = read_frame_tensor(bgr_img, device)

reader = cv2.VideoCapture(args.video_src)
fps = reader.get(cv2.CAP_PROP_FPS)
h, w = bgr.shape[-2:]
writer = cv2.VideoWriter(args.output, cv2.VideoWriter_fourcc(*"mp4v"), fps, (w, h), isColor=False)

with torch.no_grad():
    while True:
        ok, frame = reader.read()
        if not ok:
            break
        src = read_frame_tensor(cv2.resize(frame, (w, h)), device)
        pha = model(src, bgr)
        writer.write(pha[0, 0].mul(255).byte().cpu().numpy())

reader.release()
writer.release()

# The frames converted to the detector's dtype on each path: float16 where the flag
# cast it, float32 elsewhere.
import argparse

import numpy as np
import torch
import torch.nn as nn

parser = argparse.ArgumentParser()
parser.add_argument("--half", action="store_true")
opt = parser.parse_args()

detector = nn.Sequential(nn.Conv2d(3, 8, 3), nn.ReLU()).cuda().eval()
if opt.half:
    detector.half()


def detect(frame):
    batch = torch.from_numpy(frame).permute(2, 0, 1)[None].cuda().float() / 255
    if opt.half:
        batch = batch.half()
    with torch.no_grad():
        return detector(batch)


print(detect(np.zeros((64, 64, 3), dtype=np.uint8)).shape)

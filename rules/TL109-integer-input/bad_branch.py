# A detector cast to float16 only when a flag asks for it gets raw uint8 frames:
# the run with the flag fails on the half layers, the one without on the float ones.
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
    batch = torch.from_numpy(frame).permute(2, 0, 1)[None].cuda()  # expect: TL109:13 lines=21,15
    with torch.no_grad():
        return detector(batch)


print(detect(np.zeros((64, 64, 3), dtype=np.uint8)).shape)

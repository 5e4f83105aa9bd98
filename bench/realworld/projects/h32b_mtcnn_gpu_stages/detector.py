# source: https://github.com/TropComplique/mtcnn-pytorch/issues/10
# error: TypeError: can't convert cuda:0 device type tensor to numpy. Use Tensor.cpu() to copy the tensor to host memory first.
# pattern: numpy-of-device-tensor
# shape: multi-file, helper
# needs: torch, numpy, pillow, torchvision
# cpu: no written where torch was not installed; not run

import sys

import numpy as np
import torch
from PIL import Image
from torchvision.ops import nms

from first_stage import preprocess, run_first_stage
from get_nets import load_nets

DEVICE = torch.device("cuda" if torch.cuda.is_available() else "cpu")
PNET, RNET = load_nets("weights", DEVICE)


def pyramid_scales(image, min_face_size=20.0, factor=0.707):
    m = 12.0 / min_face_size
    min_length = min(image.size) * m
    scales = []
    while min_length > 12:
        scales.append(m * factor ** len(scales))
        min_length *= factor
    return scales


def detect_faces(image, thresholds=(0.6, 0.7)):
    boxes = [run_first_stage(image, PNET, s, thresholds[0], DEVICE) for s in pyramid_scales(image)]
    boxes = np.vstack([b for b in boxes if len(b)]) if any(len(b) for b in boxes) else np.zeros((0, 9))
    if len(boxes) == 0:
        return boxes
    keep = nms(torch.from_numpy(boxes[:, :4]).float(), torch.from_numpy(boxes[:, 4]).float(), 0.7).numpy()
    boxes = boxes[keep]
    crops = [preprocess(image.crop(tuple(b[:4].astype(int))).resize((24, 24))) for b in boxes]
    with torch.no_grad():
        offsets, probs = RNET(torch.from_numpy(np.vstack(crops)).to(DEVICE))
    probs = probs.cpu().numpy()[:, 1]
    return boxes[probs > thresholds[1]]


if __name__ == "__main__":
    for path in sys.argv[1:]:
        faces = detect_faces(Image.open(path).convert("RGB"))
        print(path, len(faces), "faces")

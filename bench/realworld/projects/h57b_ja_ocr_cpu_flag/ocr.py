# source: https://github.com/tanreinama/OCR_Japanease/issues/1
# error: RuntimeError: Attempting to deserialize object on a CUDA device but torch.cuda.is_available() is False. If you are running on a CPU-only machine, please use torch.load with map_location=torch.device('cpu') to map your storages to the CPU.
# pattern: torch-load-map-location
# shape: multi-file, top-level
# needs: torch, numpy, pillow
# cpu: no written where torch was not installed; not run
"""Command-line OCR: detect character boxes on a page, then classify each crop. `--cpu` for machines without a GPU."""
import argparse

import numpy as np
import torch
import torch.nn.functional as F
from PIL import Image

from models import load_classifier, load_detector

parser = argparse.ArgumentParser(description="Japanese OCR")
parser.add_argument("--file", required=True)
parser.add_argument("--det_model", default="models/detector.model")
parser.add_argument("--cls_model", default="models/classifier.model")
parser.add_argument("--charset", default="models/charset.txt")
parser.add_argument("--cpu", action="store_true")
args = parser.parse_args()

device = torch.device("cpu") if args.cpu else torch.device("cuda")
detector = load_detector(args.det_model, device)
classifier = load_classifier(args.cls_model, device)
charset = open(args.charset, encoding="utf-8").read().split("\n")

page = np.asarray(Image.open(args.file).convert("L").resize((512, 512)), dtype=np.float32) / 255.0
x = torch.from_numpy(page)[None, None].to(device)
with torch.no_grad():
    heat, size, _ = detector(x.expand(-1, 3, -1, -1))
    peaks = (heat == F.max_pool2d(heat, 3, 1, 1)) & (heat > 0.4)
    ys, xs = torch.nonzero(peaks[0, 0], as_tuple=True)
    text = []
    for cy, cx in zip((ys * 4).tolist(), (xs * 4).tolist()):
        crop = x[..., max(cy - 16, 0):cy + 16, max(cx - 16, 0):cx + 16]
        crop = F.interpolate(crop, size=(64, 64), mode="bilinear", align_corners=False)
        text.append(charset[classifier(crop).argmax(1).item()])
print("".join(text))

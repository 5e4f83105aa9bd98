# source: https://github.com/naseemap47/YOLO-NAS/issues/15
# error: RuntimeError: Input type (unsigned char) and bias type (c10::Half) should be the same
# pattern: integer-input
# shape: helper, top-level
# bug-lines: 39, 41
# needs: torch, numpy
# cpu: no written where torch was not installed; not run
import argparse

import numpy as np
import torch
import torch.nn as nn

ap = argparse.ArgumentParser()
ap.add_argument("--source", default="nurse.jpg")
ap.add_argument("--conf", type=float, default=0.5)
ap.add_argument("--half", action="store_true")
args = vars(ap.parse_args())

device = torch.device("cuda" if torch.cuda.is_available() else "cpu")


class TinyDetector(nn.Module):
    def __init__(self, n_classes=2):
        super().__init__()
        self.stem = nn.Sequential(nn.Conv2d(3, 16, 3, stride=2, padding=1), nn.SiLU())
        self.head = nn.Conv2d(16, 4 + 1 + n_classes, 1)

    def forward(self, x):
        return self.head(self.stem(x))


model = TinyDetector().to(device).eval()
if args["half"]:
    model = model.half()


def get_bbox(img_rgb):
    x = torch.from_numpy(img_rgb).permute(2, 0, 1).unsqueeze(0).to(device)
    with torch.no_grad():
        pred = model(x)
    boxes, obj, cls = pred[:, :4], pred[:, 4:5].sigmoid(), pred[:, 5:].softmax(1)
    keep = obj.flatten() > args["conf"]
    return boxes.flatten(2)[0].T[keep], cls.flatten(2)[0].T[keep].argmax(-1)


def read_rgb(path):
    """Stands in for cv2.imread + cvtColor: an HxWx3 uint8 frame."""
    return np.random.default_rng(0).integers(0, 256, (320, 320, 3), dtype=np.uint8)


img = read_rgb(args["source"])
labels, class_ids = get_bbox(img)
print(len(labels), class_ids.tolist())

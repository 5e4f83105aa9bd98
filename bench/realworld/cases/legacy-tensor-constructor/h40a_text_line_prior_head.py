# source: https://github.com/dbolya/yolact/issues/692
# error: RuntimeError: legacy constructor expects device type: cpu but device type: cuda was passed
# pattern: legacy-tensor-constructor
# shape: class, helper
# bug-lines: 54
# needs: torch
# cpu: no written where torch was not installed; not run
"""Single-shot text-line detector head: wide aspect ratios for words and lines."""
from itertools import product
from math import sqrt

import torch
import torch.nn as nn
import torch.nn.functional as F

TEXT_ASPECTS = [1.0, 2.0, 5.0, 10.0]


class TextPredictionHead(nn.Module):
    def __init__(self, in_channels, num_classes=2, aspect_ratios=TEXT_ASPECTS, scale=24, max_size=640):
        super().__init__()
        self.num_classes = num_classes
        self.aspect_ratios = aspect_ratios
        self.scale = scale
        self.max_size = max_size
        self.num_priors = len(aspect_ratios)
        self.upfeature = nn.Sequential(nn.Conv2d(in_channels, 256, 3, padding=1), nn.ReLU(inplace=True))
        self.bbox_layer = nn.Conv2d(256, self.num_priors * 4, 3, padding=1)
        self.conf_layer = nn.Conv2d(256, self.num_priors * num_classes, 3, padding=1)
        self.priors = None
        self.last_conv_size = None

    def forward(self, x):
        conv_h, conv_w = x.shape[2], x.shape[3]
        x = self.upfeature(x)
        bbox = self.bbox_layer(x).permute(0, 2, 3, 1).reshape(x.size(0), -1, 4)
        conf = self.conf_layer(x).permute(0, 2, 3, 1).reshape(x.size(0), -1, self.num_classes)
        priors = self.make_priors(conv_h, conv_w, x.device)
        return {"loc": bbox, "conf": F.softmax(conf, -1), "priors": priors}

    def make_priors(self, conv_h, conv_w, device):
        size = (conv_h, conv_w)
        if self.last_conv_size != size:
            prior_data = []
            for j, i in product(range(conv_h), range(conv_w)):
                x = (i + 0.5) / conv_w
                y = (j + 0.5) / conv_h
                for ar in self.aspect_ratios:
                    ar = sqrt(ar)
                    w = self.scale * ar / self.max_size
                    h = self.scale / ar / self.max_size
                    prior_data += [x, y, w, h]
            with torch.no_grad():
                self.priors = torch.Tensor(prior_data, device=device).view(-1, 4)
            self.last_conv_size = size
        return self.priors


def detect_lines(head, features, score_thresh=0.6):
    out = head(features)
    keep = out["conf"][..., 1] > score_thresh
    boxes = []
    for b in range(features.size(0)):
        loc = out["loc"][b][keep[b]]
        pri = out["priors"][keep[b]]
        centers = pri[:, :2] + loc[:, :2] * 0.1 * pri[:, 2:]
        sizes = pri[:, 2:] * torch.exp(loc[:, 2:] * 0.2)
        boxes.append(torch.cat([centers - sizes / 2, centers + sizes / 2], 1))
    return boxes


if __name__ == "__main__":
    device = torch.device("cuda")
    head = TextPredictionHead(in_channels=512).to(device).eval()
    fpn_p3 = torch.randn(2, 512, 80, 80, device=device)
    with torch.no_grad():
        lines = detect_lines(head, fpn_p3)
    print([b.shape for b in lines])

# source: https://github.com/dusty-nv/jetson-inference/issues/1041
# error: RuntimeError: Expected all tensors to be on the same device, but found at least two devices, cuda:0 and cpu!
# pattern: cache-builder-cpu-default
# shape: helper, class
# bug-lines: 18, 67
# needs: torch, numpy
# cpu: no written where torch was not installed; not run
import functools
import itertools
import math

import numpy as np
import torch
import torch.nn as nn


@functools.lru_cache(maxsize=8)
def build_priors(image_size, feature_maps, shrinkages, box_sizes, device=torch.device("cpu")):
    """SSD default boxes (cx, cy, w, h), normalised to [0, 1]; cached per input resolution."""
    priors = []
    for fm, shrink, (min_s, max_s) in zip(feature_maps, shrinkages, box_sizes):
        scale = image_size / shrink
        for j, i in itertools.product(range(fm), repeat=2):
            cx, cy = (i + 0.5) / scale, (j + 0.5) / scale
            small, big = min_s / image_size, math.sqrt(min_s * max_s) / image_size
            priors += [[cx, cy, small, small], [cx, cy, big, big]]
            for ratio in (2.0, 3.0):
                r = math.sqrt(ratio)
                priors += [[cx, cy, small * r, small / r], [cx, cy, small / r, small * r]]
    return torch.tensor(np.clip(priors, 0.0, 1.0), dtype=torch.float32, device=device)


def convert_locations_to_boxes(locations, priors, center_variance=0.1, size_variance=0.2):
    priors = priors.unsqueeze(0)
    return torch.cat([
        locations[..., :2] * center_variance * priors[..., 2:] + priors[..., :2],
        torch.exp(locations[..., 2:] * size_variance) * priors[..., 2:],
    ], dim=-1)


class SSDLite(nn.Module):
    def __init__(self, num_classes=3, image_size=300):
        super().__init__()
        self.num_classes, self.image_size = num_classes, image_size
        self.shrinkages = (16, 32, 64)
        self.box_sizes = ((60, 105), (105, 150), (150, 195))
        chans = (3, 32, 64, 128, 256)
        self.stem = nn.Sequential(*[nn.Sequential(nn.Conv2d(a, b, 3, 2, 1), nn.BatchNorm2d(b), nn.ReLU6())
                                    for a, b in zip(chans[:-1], chans[1:])])
        self.extras = nn.ModuleList([nn.Conv2d(256, 256, 3, 2, 1), nn.Conv2d(256, 256, 3, 2, 1)])
        self.cls_heads = nn.ModuleList([nn.Conv2d(256, 6 * num_classes, 3, padding=1) for _ in range(3)])
        self.reg_heads = nn.ModuleList([nn.Conv2d(256, 6 * 4, 3, padding=1) for _ in range(3)])

    def forward(self, images):
        feats = [self.stem(images)]
        for extra in self.extras:
            feats.append(extra(feats[-1]))
        confidences, locations = [], []
        for f, cls_head, reg_head in zip(feats, self.cls_heads, self.reg_heads):
            b = f.shape[0]
            confidences.append(cls_head(f).permute(0, 2, 3, 1).reshape(b, -1, self.num_classes))
            locations.append(reg_head(f).permute(0, 2, 3, 1).reshape(b, -1, 4))
        confidences, locations = torch.cat(confidences, 1), torch.cat(locations, 1)
        if self.training:
            return confidences, locations
        feature_maps = tuple(f.shape[-1] for f in feats)
        priors = build_priors(self.image_size, feature_maps, self.shrinkages, self.box_sizes)
        boxes = convert_locations_to_boxes(locations, priors)
        return torch.softmax(confidences, dim=2), boxes


if __name__ == "__main__":
    device = torch.device("cuda" if torch.cuda.is_available() else "cpu")
    net = SSDLite().to(device).eval()
    frames = torch.rand(2, 3, 300, 300, device=device)
    with torch.no_grad():
        scores, boxes = net(frames)
    print(scores.shape, boxes.shape)

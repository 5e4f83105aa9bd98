# source: https://github.com/shaoshengsong/MobileNetV3-SSD/issues/5
# error: RuntimeError: expected backend CPU and dtype Float but got backend CUDA and dtype Float
# pattern: tensor-attribute-not-buffer
# shape: multi-file, class, helper, loader-loop
# needs: torch
# cpu: no written where torch was not installed; not run
import itertools
import math

import torch

image_size = 300
center_variance = 0.1
size_variance = 0.2
# (feature_map_size, shrinkage, min_box, max_box, aspect_ratios)
specs = [
    (19, 16, 60, 105, (2, 3)),
    (10, 32, 105, 150, (2, 3)),
    (5, 64, 150, 195, (2, 3)),
    (3, 100, 195, 240, (2, 3)),
    (2, 150, 240, 285, (2, 3)),
    (1, 300, 285, 330, (2, 3)),
]


def generate_ssd_priors(specs, image_size, clamp=True):
    priors = []
    for fm, shrinkage, min_box, max_box, ratios in specs:
        scale = image_size / shrinkage
        for j, i in itertools.product(range(fm), repeat=2):
            x_center, y_center = (i + 0.5) / scale, (j + 0.5) / scale
            size = min_box / image_size
            priors.append([x_center, y_center, size, size])
            size = math.sqrt(max_box * min_box) / image_size
            priors.append([x_center, y_center, size, size])
            for r in ratios:
                w, h = min_box / image_size * math.sqrt(r), min_box / image_size / math.sqrt(r)
                priors.append([x_center, y_center, w, h])
                priors.append([x_center, y_center, h, w])
    priors = torch.tensor(priors)
    if clamp:
        torch.clamp(priors, 0.0, 1.0, out=priors)
    return priors


priors = generate_ssd_priors(specs, image_size)

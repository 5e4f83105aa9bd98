# source: https://github.com/amdegroot/ssd.pytorch/issues/47 https://github.com/qfgaohao/pytorch-ssd/issues/8
# error: RuntimeError: Expected all tensors to be on the same device, but found at least two devices, cuda:0 and cpu!
# pattern: tensor-attribute-not-buffer
# shape: multi-file, class, helper
# needs: torch
# cpu: no written where torch was not installed; not run
import itertools
import math

import torch


def generate_ssd_priors(feature_map_sizes, shrinkages, box_sizes, aspect_ratios, image_size):
    """Center-form prior boxes (cx, cy, w, h), normalised to [0, 1]."""
    priors = []
    for fm, shrink, (min_size, max_size) in zip(feature_map_sizes, shrinkages, box_sizes):
        scale = image_size / shrink
        for j, i in itertools.product(range(fm), repeat=2):
            cx = (i + 0.5) / scale
            cy = (j + 0.5) / scale
            size = min_size / image_size
            priors.append([cx, cy, size, size])
            big = math.sqrt(max_size * min_size) / image_size
            priors.append([cx, cy, big, big])
            for ratio in aspect_ratios:
                r = math.sqrt(ratio)
                priors.append([cx, cy, size * r, size / r])
                priors.append([cx, cy, size / r, size * r])
    priors = torch.tensor(priors, dtype=torch.float32)
    return priors.clamp_(0.0, 1.0)


def convert_locations_to_boxes(locations, priors, center_variance, size_variance):
    # locations: (batch, num_priors, 4) regression output of the heads
    if priors.dim() + 1 == locations.dim():
        priors = priors.unsqueeze(0)
    centers = locations[..., :2] * center_variance * priors[..., 2:] + priors[..., :2]
    sizes = torch.exp(locations[..., 2:] * size_variance) * priors[..., 2:]
    return torch.cat([centers, sizes], dim=-1)


def center_form_to_corner_form(boxes):
    half = boxes[..., 2:] / 2
    return torch.cat([boxes[..., :2] - half, boxes[..., :2] + half], dim=-1)

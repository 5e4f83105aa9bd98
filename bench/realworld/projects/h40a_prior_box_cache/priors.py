# source: https://github.com/dbolya/yolact/issues/130
# error: RuntimeError: Expected all tensors to be on the same device, but found at least two devices, cuda:0 and cpu!
# pattern: cache-builder-cpu-default
# shape: multi-file, helper
# bug-lines: 30
# needs: torch
# cpu: no written where torch was not installed; not run
"""Prior (anchor) boxes per feature-map size, built once and memoised."""
from itertools import product
from math import sqrt

import torch

_prior_cache = {}


def make_priors(conv_h, conv_w, scales, aspect_ratios, max_size=550):
    key = (conv_h, conv_w, tuple(scales), tuple(aspect_ratios))
    if key in _prior_cache:
        return _prior_cache[key]
    prior_data = []
    for j, i in product(range(conv_h), range(conv_w)):
        x = (i + 0.5) / conv_w
        y = (j + 0.5) / conv_h
        for scale, ar in product(scales, aspect_ratios):
            ar = sqrt(ar)
            w = scale * ar / max_size
            h = scale / ar / max_size
            prior_data += [x, y, w, h]
    priors = torch.tensor(prior_data, dtype=torch.float32).view(-1, 4)
    _prior_cache[key] = priors
    return priors

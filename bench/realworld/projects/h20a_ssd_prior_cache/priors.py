# source: https://github.com/amdegroot/ssd.pytorch/issues/323
# error: RuntimeError: Expected object of type torch.FloatTensor but found type torch.cuda.FloatTensor for argument #2 'other'
# pattern: cache-builder-cpu-default
# shape: multi-file, helper, batch-dict
# bug-lines: 43
# needs: torch
# cpu: no written where torch was not installed; not run
from itertools import product
from math import sqrt

import torch

VOC_300 = {
    "min_dim": 300,
    "feature_maps": [38, 19, 10, 5, 3, 1],
    "steps": [8, 16, 32, 64, 100, 300],
    "min_sizes": [30, 60, 111, 162, 213, 264],
    "max_sizes": [60, 111, 162, 213, 264, 315],
    "aspect_ratios": [[2], [2, 3], [2, 3], [2, 3], [2], [2]],
    "variance": [0.1, 0.2],
    "num_classes": 21,
}

_PRIOR_CACHE = {}


def get_priors(cfg):
    """Default boxes in center-offset form (cx, cy, w, h), built once per config."""
    key = (cfg["min_dim"], tuple(cfg["feature_maps"]))
    if key in _PRIOR_CACHE:
        return _PRIOR_CACHE[key]
    mean = []
    for k, f in enumerate(cfg["feature_maps"]):
        f_k = cfg["min_dim"] / cfg["steps"][k]
        s_k = cfg["min_sizes"][k] / cfg["min_dim"]
        s_k_prime = sqrt(s_k * (cfg["max_sizes"][k] / cfg["min_dim"]))
        for i, j in product(range(f), repeat=2):
            cx, cy = (j + 0.5) / f_k, (i + 0.5) / f_k
            mean += [cx, cy, s_k, s_k, cx, cy, s_k_prime, s_k_prime]
            for ar in cfg["aspect_ratios"][k]:
                mean += [cx, cy, s_k * sqrt(ar), s_k / sqrt(ar)]
                mean += [cx, cy, s_k / sqrt(ar), s_k * sqrt(ar)]
    priors = torch.tensor(mean).view(-1, 4).clamp_(max=1, min=0)
    _PRIOR_CACHE[key] = priors
    return priors

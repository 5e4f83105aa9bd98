# Prior boxes built in a Python list by a helper, made a tensor and clamped in place:
# a plain attribute that .to(device) leaves on the CPU.
import itertools

import torch
from torch import nn


def make_priors(sizes, image_size=300):
    priors = []
    for fm in sizes:
        for j, i in itertools.product(range(fm), repeat=2):
            priors.append([(i + 0.5) / fm, (j + 0.5) / fm, 30 / image_size, 30 / image_size])
    priors = torch.tensor(priors, dtype=torch.float32)
    return priors.clamp_(0.0, 1.0)


class BoxDecoder(nn.Module):
    def __init__(self):
        super().__init__()
        self.loc = nn.Conv2d(64, 16, 3, padding=1)
        self.priors = make_priors([19, 10])  # expect: TL301:9 lines=15,25

    def forward(self, feats, locations):
        centers = locations[..., :2] * 0.1 * self.priors[..., 2:] + self.priors[..., :2]
        return centers, self.loc(feats)

# The same grid registered as a buffer by the base class: it follows the model.
import math

import torch
import torch.nn as nn


class FilterBase(nn.Module):
    def __init__(self, nfft=512):
        super().__init__()
        self.nfft = nfft
        self.register_buffer("freqs", torch.linspace(0, math.pi, nfft // 2 + 1), persistent=False)

    def response(self, gains):
        raise NotImplementedError


class LowPass(FilterBase):
    def __init__(self, nfft=512):
        super().__init__(nfft)
        self.cutoff = nn.Parameter(torch.tensor(0.3))

    def forward(self, spectrum):
        gains = torch.sigmoid((self.cutoff * math.pi - self.freqs) * 10.0)
        return spectrum * gains

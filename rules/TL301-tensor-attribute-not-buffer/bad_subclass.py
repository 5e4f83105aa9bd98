# A base filter class keeps its frequency grid as a plain attribute; the subclass
# that runs the filter reads it in forward. The model's .to() leaves it on the CPU.
import math

import torch
import torch.nn as nn


class FilterBase(nn.Module):
    def __init__(self, nfft=512):
        super().__init__()
        self.nfft = nfft
        self.freqs = torch.linspace(0, math.pi, nfft // 2 + 1)  # expect: TL301:9 lines=25

    def response(self, gains):
        raise NotImplementedError


class LowPass(FilterBase):
    def __init__(self, nfft=512):
        super().__init__(nfft)
        self.cutoff = nn.Parameter(torch.tensor(0.3))

    def forward(self, spectrum):
        gains = torch.sigmoid((self.cutoff * math.pi - self.freqs) * 10.0)
        return spectrum * gains

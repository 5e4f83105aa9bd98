# source: https://github.com/gdalsanto/flamo/pull/30
# error: RuntimeError: Expected all tensors to be on the same device, but got min is on cpu, different from other tensors on cuda:0 (when checking argument in method wrapper_CUDA_clamp_Tensor)
# pattern: tensor-attribute-not-buffer
# shape: multi-file, class
# bug-lines: 21, 22, 23, 33, 34
# needs: torch
# cpu: no written where torch was not installed; not run
import math

import torch
import torch.nn as nn


class DSP(nn.Module):
    def __init__(self, size, nfft=4096, fs=48000, alias_decay_db=0.0):
        super().__init__()
        self.size = size
        self.nfft = nfft
        self.fs = fs
        self.param = nn.Parameter(torch.randn(*size))
        self.alias_decay_db = torch.tensor(alias_decay_db)
        self.gamma = 10 ** (-torch.abs(self.alias_decay_db) / (nfft * 20))
        self.freqs = torch.linspace(0, math.pi, nfft // 2 + 1)

    def get_map(self):
        return lambda x: x


class Biquad(DSP):
    def __init__(self, size=(1, 1), n_sections=4, filter_type="lowpass", nfft=4096, fs=48000):
        super().__init__(size=(3, n_sections) + tuple(size), nfft=nfft, fs=fs)
        self.filter_type = filter_type
        self.f_min = torch.tensor(20.0 / (fs / 2))
        self.f_max = torch.tensor(0.99)

    def get_map(self):
        # stability map: keep the normalized cutoff inside (f_min, f_max)
        return lambda x: torch.clamp(torch.sigmoid(x), min=self.f_min, max=self.f_max)

    def forward(self, x):
        fc = self.get_map()(self.param[0])
        z = torch.exp(-1j * self.freqs)[:, None, None, None]
        h = (fc[None] * (1 + z)) / (1 + (fc[None] - 1) * z)
        h = h.prod(dim=1) * (self.gamma ** torch.arange(h.shape[0], device=x.device))[:, None, None]
        return torch.einsum("fmn,bfn->bfm", h, x)

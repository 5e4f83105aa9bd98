# source: https://github.com/gdalsanto/flamo/pull/30
# error: RuntimeError: Expected all tensors to be on the same device, but got min is on cpu, different from other tensors on cuda:0 (when checking argument in method wrapper_CUDA_clamp_Tensor)
# pattern: tensor-attribute-not-buffer
# shape: multi-file, class
# needs: torch
# cpu: no written where torch was not installed; not run
import torch
import torch.nn as nn


class FFT(nn.Module):
    def __init__(self, nfft):
        super().__init__()
        self.nfft = nfft

    def forward(self, x):
        return torch.fft.rfft(x, n=self.nfft, dim=1)


class iFFT(nn.Module):
    def __init__(self, nfft):
        super().__init__()
        self.nfft = nfft

    def forward(self, x):
        return torch.fft.irfft(x, n=self.nfft, dim=1)


class Shell(nn.Module):
    def __init__(self, core, input_layer, output_layer):
        super().__init__()
        self.input_layer = input_layer
        self.core = core
        self.output_layer = output_layer

    def forward(self, x):
        return self.output_layer(self.core(self.input_layer(x)))

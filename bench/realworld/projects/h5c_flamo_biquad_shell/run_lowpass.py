# source: https://github.com/gdalsanto/flamo/pull/30
# error: RuntimeError: Expected all tensors to be on the same device, but got min is on cpu, different from other tensors on cuda:0 (when checking argument in method wrapper_CUDA_clamp_Tensor)
# pattern: tensor-attribute-not-buffer
# shape: multi-file, class
# needs: torch
# cpu: no written where torch was not installed; not run
import torch

import dsp
import system

NFFT = 4096


def build(device):
    core = dsp.Biquad(size=(1, 1), n_sections=4, filter_type="lowpass", nfft=NFFT, fs=48000)
    model = system.Shell(core=core, input_layer=system.FFT(NFFT), output_layer=system.iFFT(NFFT))
    return model.to(device)


if __name__ == "__main__":
    device = torch.device("cuda")
    model = build(device)
    x = torch.zeros(1, NFFT, 1)
    x[:, 0] = 1.0
    y = model(x.to(device))
    print(y.shape)

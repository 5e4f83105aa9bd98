import argparse

import torch
from torch import nn


def vocoder_dtype(precision):
    # One dtype per precision flag: float16 on the default run, bfloat16 or float32
    # when asked.
    if precision == "fp16":
        return torch.float16
    if precision == "bf16":
        return torch.bfloat16
    return torch.float32


def synthesize(precision, frames=200):
    # The vocoder takes the helper's dtype; the mel spectrogram is made float32 on
    # every path, so the run with --precision fp16 fails in the first convolution.
    weight_dtype = vocoder_dtype(precision)
    vocoder = nn.Sequential(
        nn.Conv1d(80, 256, 7, padding=3), nn.LeakyReLU(0.1), nn.ConvTranspose1d(256, 1, 16, 8)
    ).to("cuda", dtype=weight_dtype)
    mel = torch.randn(1, 80, frames, device="cuda")  # expect: TL107:11 lines=25,11
    return vocoder(mel)


parser = argparse.ArgumentParser()
parser.add_argument("--precision", default="fp16", choices=["fp16", "bf16", "fp32"])
args = parser.parse_args()
print(synthesize(args.precision).shape)

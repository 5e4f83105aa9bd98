import argparse

import torch
from torch import nn


def vocoder_dtype(precision):
    if precision == "fp16":
        return torch.float16
    if precision == "bf16":
        return torch.bfloat16
    return torch.float32


def build_vocoder(dtype):
    return nn.Sequential(
        nn.Conv1d(80, 256, 7, padding=3), nn.LeakyReLU(0.1), nn.ConvTranspose1d(256, 1, 16, 8)
    ).to("cuda", dtype=dtype)


def synthesize(precision, frames=200):
    # The mel spectrogram is made in the dtype the helper gave the vocoder: one
    # dtype on every path.
    dtype = vocoder_dtype(precision)
    vocoder = build_vocoder(dtype)
    mel = torch.randn(1, 80, frames, device="cuda", dtype=dtype)
    return vocoder(mel)


def synthesize_reference(frames=200):
    # The helper's argument is written here: float32, as the spectrogram is.
    vocoder = build_vocoder(vocoder_dtype("fp32"))
    return vocoder(torch.randn(1, 80, frames, device="cuda"))


parser = argparse.ArgumentParser()
parser.add_argument("--precision", default="fp16", choices=["fp16", "bf16", "fp32"])
args = parser.parse_args()
print(synthesize(args.precision).shape, synthesize_reference().shape)

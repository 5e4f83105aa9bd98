# source: https://github.com/resemble-ai/resemble-enhance/pull/77
# error: RuntimeError: Expected all tensors to be on the same device, but found at least two devices, cpu and cuda:0!
# pattern: stale-alias
# shape: multi-file, top-level
# needs: torch
# cpu: no written where torch was not installed; not run
"""Denoise a recording: high-pass on the GPU, then chunked enhancement."""
import argparse

import torch

from inference import enhance
from model import WaveDenoiser


def highpass(wav, sr, cutoff=80.0):
    alpha = 1.0 / (1.0 + 2 * 3.141592653589793 * cutoff / sr)
    out = torch.empty_like(wav)
    out[0] = wav[0]
    out[1:] = alpha * (wav[1:] - wav[:-1])
    return out


parser = argparse.ArgumentParser()
parser.add_argument("--device", default="cuda")
parser.add_argument("--seconds", type=float, default=75.0)
args = parser.parse_args()

sr = 44100
model = WaveDenoiser(wav_rate=sr).to(args.device).eval()
noisy = torch.randn(int(sr * args.seconds))
noisy = highpass(noisy.to(args.device), sr)
clean = enhance(model, noisy, sr, args.device)
print("enhanced", clean.shape, clean.abs().max().item())

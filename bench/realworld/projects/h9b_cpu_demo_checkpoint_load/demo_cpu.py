# source: https://github.com/kleinlee/DH_live/issues/22
# error: RuntimeError: Attempting to deserialize object on a CUDA device but torch.cuda.is_available() is False. If you are running on a CPU-only machine, please use torch.load with map_location=torch.device('cpu') to map your storages to the CPU.
# pattern: torch-load-map-location
# shape: multi-file, top-level
# needs: torch, numpy
# cpu: no written where torch was not installed; not run
"""Offline demo: turn a precomputed mel spectrogram into per-frame mouth coefficients."""
import argparse

import numpy as np
import torch

from model_io import build_audio2mouth

parser = argparse.ArgumentParser()
parser.add_argument("--ckpt", default="checkpoint/audio2mouth_best.pth")
parser.add_argument("--mel", default="data/test_mel.npy")
parser.add_argument("--out", default="output/mouth_coeffs.npy")
args = parser.parse_args()

device = torch.device("cuda" if torch.cuda.is_available() else "cpu")
print(f"running on {device}")

model = build_audio2mouth(args.ckpt, device)

mel = np.load(args.mel).astype(np.float32)           # (frames, n_mels)
mel = (mel - mel.mean(axis=0)) / (mel.std(axis=0) + 1e-5)
mel_t = torch.from_numpy(mel).unsqueeze(0).to(device)

coeffs = model.stream(mel_t, chunk=50)
coeffs = coeffs.squeeze(0).cpu().numpy()
np.save(args.out, coeffs)
print(f"wrote {coeffs.shape[0]} frames of mouth coefficients to {args.out}")

# source: https://github.com/NVIDIA/DeepLearningExamples/issues/450
# error: RuntimeError: expected device cuda:0 but got device cuda:1
# pattern: current-gpu-mismatch
# shape: top-level, multi-file
# needs: torch, numpy
# cpu: no written where torch was not installed; not run
"""Synthesize mel spectrograms on a chosen GPU (e.g. --device cuda:1)."""

import argparse

import numpy as np
import torch

from tacotron2 import Tacotron2
from text_utils import SYMBOLS, prepare_batch


def load_tacotron(checkpoint, device):
    model = Tacotron2(n_symbols=len(SYMBOLS))
    state = torch.load(checkpoint, map_location="cpu")
    model.load_state_dict(state["state_dict"])
    return model.to(device).eval()


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--tacotron2", required=True)
    parser.add_argument("--input", required=True, help="one sentence per line")
    parser.add_argument("--device", default="cuda:1")
    args = parser.parse_args()

    device = torch.device(args.device)
    model = load_tacotron(args.tacotron2, device)

    with open(args.input) as f:
        texts = [line for line in f if line.strip()]

    text, _ = prepare_batch(texts, device)
    mel, mel_lengths = model.infer(text)
    for i, n in enumerate(mel_lengths.cpu().tolist()):
        np.save(f"mel_{i:03d}.npy", mel[i, :, :n].cpu().numpy())


if __name__ == "__main__":
    main()

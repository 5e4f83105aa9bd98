# source: https://github.com/EliHei2/segger_dev/issues/59
# error: TypeError: can't convert cuda:0 device type tensor to numpy. Use Tensor.cpu() to copy the tensor to host memory first.
# pattern: numpy-of-device-tensor
# shape: multi-file, helper
# bug-lines: 22, 26
# needs: torch, numpy, matplotlib
# cpu: no written where torch was not installed; not run
"""python render.py "the quick brown fox" --ckpt synth.pt --out fox.png"""
import argparse

import matplotlib
matplotlib.use("Agg")
import matplotlib.pyplot as plt
import numpy as np
import torch

from model import HandwritingSynth
from sampling import write


def strokes_to_segments(strokes):
    offsets = strokes[:, :2].numpy()
    coords = np.cumsum(offsets, axis=0)
    coords[:, 1] *= -1
    pen_up = strokes[:, 2] > 0.5
    breaks = np.nonzero(pen_up)[0] + 1
    return [seg for seg in np.split(coords, breaks) if len(seg) > 1]


def main():
    p = argparse.ArgumentParser()
    p.add_argument("text")
    p.add_argument("--ckpt", default="synth.pt")
    p.add_argument("--bias", type=float, default=1.5)
    p.add_argument("--out", default="sample.png")
    args = p.parse_args()

    device = torch.device("cuda" if torch.cuda.is_available() else "cpu")
    model = HandwritingSynth()
    model.load_state_dict(torch.load(args.ckpt, map_location=device))
    model.to(device).eval()

    strokes = write(model, args.text, bias=args.bias)
    fig, ax = plt.subplots(figsize=(12, 2))
    for seg in strokes_to_segments(strokes):
        ax.plot(seg[:, 0], seg[:, 1], "k-", linewidth=1.2)
    ax.set_aspect("equal")
    ax.axis("off")
    fig.savefig(args.out, bbox_inches="tight", dpi=150)


if __name__ == "__main__":
    main()

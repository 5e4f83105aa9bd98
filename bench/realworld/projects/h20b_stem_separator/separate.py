# source: https://github.com/f90/Wave-U-Net-Pytorch/issues/3
# error: RuntimeError: Attempting to deserialize object on a CUDA device but torch.cuda.is_available() is False. If you are running on a CPU-only machine, please use torch.load with map_location=torch.device('cpu') to map your storages to the CPU.
# pattern: torch-load-map-location
# shape: multi-file, loader-loop
# needs: torch, numpy, soundfile
# cpu: no written where torch was not installed; not run
"""Separate a song into stems with a checkpoint trained on a GPU box.

    python separate.py --load_model checkpoints/waveunet/model --input song.wav          # CPU
    python separate.py --load_model checkpoints/waveunet/model --input song.wav --cuda   # GPU
"""
import argparse
import os

import numpy as np
import soundfile as sf
import torch

from checkpoint import load_checkpoint
from model import StemUNet


def frames(audio, frame_len):
    pad = (-len(audio)) % frame_len
    audio = np.pad(audio, (0, pad))
    for start in range(0, len(audio), frame_len):
        yield audio[start:start + frame_len]


def main(args):
    device = torch.device("cuda" if args.cuda else "cpu")
    model = StemUNet()
    print(f"Loading model from checkpoint {args.load_model}")
    state = load_checkpoint(model, None, args.load_model)
    print(f"checkpoint was saved at step {state.get('step', '?')}")
    model.to(device).eval()

    mix, sr = sf.read(args.input, dtype="float32", always_2d=True)
    mix = mix.mean(axis=1)
    outputs = {stem: [] for stem in model.stems}
    with torch.no_grad():
        for chunk in frames(mix, args.frame_len):
            x = torch.from_numpy(chunk)[None, None].to(device)
            est = model(x)[0].cpu().numpy()
            for i, stem in enumerate(model.stems):
                outputs[stem].append(est[i])

    os.makedirs(args.output, exist_ok=True)
    for stem, parts in outputs.items():
        sf.write(os.path.join(args.output, f"{stem}.wav"), np.concatenate(parts)[:len(mix)], sr)


if __name__ == "__main__":
    parser = argparse.ArgumentParser()
    parser.add_argument("--cuda", action="store_true", help="Use CUDA (default: False)")
    parser.add_argument("--load_model", required=True)
    parser.add_argument("--input", required=True)
    parser.add_argument("--output", default="separated")
    parser.add_argument("--frame_len", type=int, default=16384)
    main(parser.parse_args())

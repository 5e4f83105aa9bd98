# source: https://github.com/NVIDIA/DeepLearningExamples/issues/478
# error: RuntimeError: Input type (torch.FloatTensor) and weight type (torch.cuda.FloatTensor) should be the same
# pattern: hard-coded-cuda
# shape: multi-file, top-level
# needs: torch, numpy, soundfile
# cpu: no written where torch was not installed; not run
import argparse

import numpy as np
import soundfile as sf
import torch

from denoiser import BiasDenoiser
from vocoder import load_vocoder


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--mel", required=True, help="npy file with an (n_mels, frames) log-mel")
    parser.add_argument("--vocoder", required=True)
    parser.add_argument("--out", default="out.wav")
    parser.add_argument("--sigma", type=float, default=0.6)
    parser.add_argument("--denoising-strength", type=float, default=0.01)
    parser.add_argument("--sampling-rate", type=int, default=22050)
    parser.add_argument("--cpu", action="store_true")
    args = parser.parse_args()
    device = torch.device("cpu" if args.cpu or not torch.cuda.is_available() else "cuda")

    vocoder = load_vocoder(args.vocoder, device)
    denoiser = BiasDenoiser().calibrate(vocoder)

    mel = torch.from_numpy(np.load(args.mel)).float().unsqueeze(0).to(device)
    audio = vocoder.infer(mel, sigma=args.sigma)
    if args.denoising_strength > 0:
        audio = denoiser(audio, strength=args.denoising_strength)
    sf.write(args.out, audio[0].cpu().numpy(), args.sampling_rate)


if __name__ == "__main__":
    main()

# source: https://github.com/Stability-AI/stable-audio-3/issues/17
# error: RuntimeError: Input type (torch.cuda.FloatTensor) and weight type (torch.cuda.HalfTensor) should be the same
# pattern: input-dtype-mismatch
# shape: multi-file, helper, class
# needs: torch, torchaudio
# cpu: no written where torch was not installed; not run
import argparse

import torch
import torchaudio

from audio_utils import load_clip
from pipeline import AudioGenPipeline


def main():
    parser = argparse.ArgumentParser(description="audio-to-audio variation from an init clip")
    parser.add_argument("--ckpt", default="checkpoints/medium.ckpt")
    parser.add_argument("--init-audio", required=True)
    parser.add_argument("--init-noise-level", type=float, default=0.7)
    parser.add_argument("--steps", type=int, default=50)
    parser.add_argument("--out", default="variation.wav")
    args = parser.parse_args()

    device = "cuda" if torch.cuda.is_available() else "cpu"
    pipe = AudioGenPipeline.from_pretrained(args.ckpt, model_half=(device == "cuda"), device=device)
    wav, sr = load_clip(args.init_audio)
    audio = pipe.generate(steps=args.steps, init_audio=(sr, wav), init_noise_level=args.init_noise_level)
    torchaudio.save(args.out, audio[0].cpu(), pipe.sample_rate)
    print("wrote", args.out)


if __name__ == "__main__":
    main()

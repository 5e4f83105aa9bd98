# source: https://github.com/resemble-ai/chatterbox/issues/472 https://github.com/resemble-ai/chatterbox/pull/418
# error: RuntimeError: Attempting to deserialize object on a CUDA device but torch.cuda.is_available() is False. If you are running on a CPU-only machine, please use torch.load with map_location=torch.device('cpu') to map your storages to the CPU.
# pattern: torch-load-map-location
# shape: multi-file, class, helper
# needs: torch
# cpu: no written where torch was not installed; not run
import argparse

import torch

from synth import Synthesizer


def pick_device():
    if torch.cuda.is_available():
        return "cuda"
    if torch.backends.mps.is_available():
        return "mps"
    return "cpu"


def text_to_ids(text, vocab_size=704):
    return [min(ord(ch), vocab_size - 1) for ch in text.lower()]


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--ckpt-dir", default="checkpoints/multilingual")
    parser.add_argument("--text", default="hello there, this runs on any machine")
    parser.add_argument("--out", default="mel.pt")
    args = parser.parse_args()

    device = pick_device()
    print(f"loading synthesizer on {device}")
    tts = Synthesizer.from_local(args.ckpt_dir, device)
    mel = tts.generate(text_to_ids(args.text))
    torch.save(mel, args.out)
    print(f"wrote {tuple(mel.shape)} mel frames to {args.out}")


if __name__ == "__main__":
    main()

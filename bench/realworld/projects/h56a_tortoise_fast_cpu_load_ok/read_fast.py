# source: https://github.com/neonbjb/tortoise-tts/issues/752
# error: RuntimeError: Attempting to deserialize object on a CUDA device but torch.cuda.is_available() is False. If you are running on a CPU-only machine, please use torch.load with map_location=torch.device('cpu') to map your storages to the CPU.
# pattern: torch-load-map-location
# shape: top-level, multi-file
# looks-like: torch-load-map-location
# needs: torch, torchaudio
# cpu: no written where torch was not installed; not run
"""Read a long text file aloud, one paragraph at a time."""

import argparse
import os

import torch
import torchaudio

from api_fast import TextToSpeech
from tortoise_models import tokenize


def load_voice(voice_dir):
    clips = []
    for name in sorted(os.listdir(voice_dir)):
        if name.endswith(".wav"):
            wav, sr = torchaudio.load(os.path.join(voice_dir, name))
            clips.append(torchaudio.functional.resample(wav.mean(0, keepdim=True), sr, 22050))
    return clips


if __name__ == "__main__":
    parser = argparse.ArgumentParser()
    parser.add_argument("--textfile", required=True)
    parser.add_argument("--voice_dir", required=True)
    parser.add_argument("--model_dir", default=None)
    parser.add_argument("--output_path", default="results/longform")
    parser.add_argument("--half", action="store_true")
    args = parser.parse_args()

    tts = TextToSpeech(models_dir=args.model_dir, half=args.half)
    voice = load_voice(args.voice_dir)
    os.makedirs(args.output_path, exist_ok=True)
    with open(args.textfile, encoding="utf-8") as f:
        paragraphs = [p.strip() for p in f.read().split("\n\n") if p.strip()]

    pieces = []
    for i, para in enumerate(paragraphs):
        wav = tts.tts(tokenize(para, tts.tokenizer_table), voice)
        torchaudio.save(os.path.join(args.output_path, f"{i:03d}.wav"), wav.squeeze(0), 24000)
        pieces.append(wav.squeeze(0))
    torchaudio.save(os.path.join(args.output_path, "combined.wav"),
                    torch.cat(pieces, dim=-1), 24000)

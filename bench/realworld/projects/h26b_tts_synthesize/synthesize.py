# source: https://github.com/ming024/FastSpeech2/issues/82
# error: RuntimeError: Attempting to deserialize object on a CUDA device but torch.cuda.is_available() is False. If you are running on a CPU-only machine, please use torch.load with map_location=torch.device('cpu') to map your storages to the CPU.
# pattern: torch-load-map-location
# shape: multi-file
# needs: torch, numpy, scipy
# cpu: no written where torch was not installed; not run
import argparse

import numpy as np
import torch
from scipy.io import wavfile

from model_utils import get_model, get_vocoder, load_configs

SYMBOLS = ["_pad"] + list(" abcdefghijklmnopqrstuvwxyz'.,?!")


def text_to_ids(text):
    return [SYMBOLS.index(c) for c in text.lower() if c in SYMBOLS]


def synthesize(model, vocoder, text, speaker_id, device, d_control=1.0):
    phonemes = torch.tensor([text_to_ids(text)], dtype=torch.long, device=device)
    speakers = torch.tensor([speaker_id], dtype=torch.long, device=device)
    with torch.no_grad():
        mel, _ = model(phonemes, speakers, d_control=d_control)
        wav = vocoder(mel)[0]
    return (wav.cpu().numpy() * 32767).astype(np.int16)


if __name__ == "__main__":
    parser = argparse.ArgumentParser()
    parser.add_argument("--restore_step", type=int, required=True)
    parser.add_argument("--text", type=str, required=True)
    parser.add_argument("--speaker_id", type=int, default=0)
    parser.add_argument("--config_dir", default="config/LJSpeech")
    parser.add_argument("--duration_control", type=float, default=1.0)
    parser.add_argument("--out", default="output.wav")
    args = parser.parse_args()

    device = torch.device("cuda" if torch.cuda.is_available() else "cpu")
    configs = load_configs(args.config_dir)
    model = get_model(args, configs, device, train=False)
    vocoder = get_vocoder(configs, device)
    wav = synthesize(model, vocoder, args.text, args.speaker_id, device, args.duration_control)
    wavfile.write(args.out, configs[0]["sampling_rate"], wav)

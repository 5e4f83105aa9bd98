# source: https://github.com/ekwek1/soprano-factory/issues/9
# error: TypeError: Expected floating point type for waveform tensor, but received torch.int16
# pattern: integer-input
# shape: loader-loop, helper
# bug-lines: 49, 51, 72
# needs: torch, torchaudio, scipy, tqdm
# cpu: no written where torch was not installed; not run
import argparse
import json
import os

import torch
import torch.nn as nn
import torchaudio
from scipy.io import wavfile
from tqdm import tqdm

SAMPLE_RATE = 24000


class AudioTokenizer(nn.Module):
    def __init__(self, dim=128, codebook_size=1024):
        super().__init__()
        self.encoder = nn.Sequential(
            nn.Conv1d(1, dim, 7, padding=3), nn.ELU(),
            nn.Conv1d(dim, dim, 8, stride=4, padding=2), nn.ELU(),
            nn.Conv1d(dim, dim, 10, stride=5, padding=3), nn.ELU(),
        )
        self.codebook = nn.Parameter(torch.randn(codebook_size, dim))

    @torch.no_grad()
    def encode(self, wav):
        z = self.encoder(wav.unsqueeze(1)).transpose(1, 2)
        dist = torch.cdist(z, self.codebook.unsqueeze(0))
        return dist.argmin(-1)


def read_metadata(input_dir):
    rows = []
    with open(os.path.join(input_dir, "metadata.txt"), encoding="utf-8") as f:
        for line in f:
            file_id, _, text = line.rstrip("\n").partition("|")
            rows.append((os.path.join(input_dir, "wavs", file_id + ".wav"), text))
    return rows


def load_clip(path):
    sr, audio = wavfile.read(path)
    audio = torch.from_numpy(audio)
    if sr != SAMPLE_RATE:
        audio = torchaudio.functional.resample(audio, sr, SAMPLE_RATE)
    return audio


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--input-dir", required=True)
    parser.add_argument("--tokenizer-ckpt", default="tokenizer.pt")
    args = parser.parse_args()
    device = "cuda" if torch.cuda.is_available() else "cpu"

    print("Loading model.")
    codec = AudioTokenizer()
    codec.load_state_dict(torch.load(args.tokenizer_ckpt, map_location="cpu"))
    codec = codec.to(device).eval()

    rows = read_metadata(args.input_dir)
    print(f"{len(rows)} samples located in directory.")
    dataset = []
    for wav_path, text in tqdm(rows, desc="Encoding audio"):
        audio = load_clip(wav_path)
        codes = codec.encode(audio.unsqueeze(0).to(device))
        dataset.append({"text": text, "codes": codes[0].tolist()})

    with open(os.path.join(args.input_dir, "train.json"), "w", encoding="utf-8") as f:
        json.dump(dataset, f)


if __name__ == "__main__":
    main()

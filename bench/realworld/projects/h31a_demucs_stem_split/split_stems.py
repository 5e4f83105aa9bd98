# source: https://github.com/pytorch/audio/pull/3017
# error: RuntimeError: Input type (torch.FloatTensor) and weight type (torch.cuda.FloatTensor) should be the same
# pattern: discarded-tensor-move
# shape: multi-file, helper
# bug-lines: 33
# needs: torch, torchaudio
# cpu: no written where torch was not installed; not run
import argparse
import os

import torch
import torchaudio
from torchaudio.pipelines import HDEMUCS_HIGH_MUSDB_PLUS

from separation import separate_sources


def main():
    parser = argparse.ArgumentParser(description="split a song into drums/bass/other/vocals")
    parser.add_argument("song")
    parser.add_argument("--out", default="stems")
    args = parser.parse_args()

    device = torch.device("cuda" if torch.cuda.is_available() else "cpu")
    bundle = HDEMUCS_HIGH_MUSDB_PLUS
    model = bundle.get_model()
    model.to(device)
    sample_rate = bundle.sample_rate

    waveform, sr = torchaudio.load(args.song)
    if sr != sample_rate:
        waveform = torchaudio.functional.resample(waveform, sr, sample_rate)
    waveform.to(device)
    mixture = waveform

    ref = waveform.mean(0)
    waveform = (waveform - ref.mean()) / ref.std()
    sources = separate_sources(model, waveform[None], segment=10.0, overlap=0.1, sample_rate=sample_rate, device=device)[0]
    sources = sources * ref.std() + ref.mean()

    os.makedirs(args.out, exist_ok=True)
    for name, stem in zip(model.sources, list(sources)):
        torchaudio.save(os.path.join(args.out, f"{name}.wav"), stem.cpu(), sample_rate)
    torchaudio.save(os.path.join(args.out, "mixture.wav"), mixture.cpu(), sample_rate)


if __name__ == "__main__":
    main()

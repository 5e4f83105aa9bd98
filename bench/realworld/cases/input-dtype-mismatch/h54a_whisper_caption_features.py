# source: https://github.com/PlayVoice/whisper-vits-svc/issues/202
# error: RuntimeError: expected scalar type Float but found Half
# pattern: input-dtype-mismatch
# shape: helper, loader-loop
# bug-lines: 21, 30, 32
# needs: torch, numpy, whisper, tqdm
# cpu: no written where torch was not installed; not run
"""Pre-extracts frozen Whisper encoder states for the audio-captioning decoder,
one .npy per clip, so caption training never touches the big encoder."""
import argparse
import os

import numpy as np
import torch
import whisper
from tqdm import tqdm


def load_frozen_encoder(name: str, device: str):
    model = whisper.load_model(name, device=device)
    model = model.half()  # halve memory, we only run the encoder
    model.eval()
    return model


def encode_clip(model, wav_path: str, device: str) -> np.ndarray:
    audio = whisper.load_audio(wav_path)
    n_frames = len(audio) // whisper.audio.HOP_LENGTH // 2
    audio = whisper.pad_or_trim(audio)
    mel = whisper.log_mel_spectrogram(audio).to(device)
    with torch.no_grad():
        states = model.encoder(mel.unsqueeze(0))
    return states.squeeze(0)[:n_frames].float().cpu().numpy()


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--wav-dir", required=True)
    ap.add_argument("--out-dir", required=True)
    ap.add_argument("--model", default="medium")
    args = ap.parse_args()

    device = "cuda" if torch.cuda.is_available() else "cpu"
    model = load_frozen_encoder(args.model, device)
    os.makedirs(args.out_dir, exist_ok=True)
    files = sorted(f for f in os.listdir(args.wav_dir) if f.endswith(".wav"))
    for name in tqdm(files, desc="whisper states"):
        feats = encode_clip(model, os.path.join(args.wav_dir, name), device)
        np.save(os.path.join(args.out_dir, name[:-4] + ".npy"), feats)


if __name__ == "__main__":
    main()

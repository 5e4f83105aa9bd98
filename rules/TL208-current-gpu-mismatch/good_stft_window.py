import argparse

import torch


# The window is made for the audio it meets: `.to(audio.device)` puts it where the
# chosen GPU holds the audio.
parser = argparse.ArgumentParser()
parser.add_argument("--gpu", type=int, default=1)
args = parser.parse_args()

device = torch.device(f"cuda:{args.gpu}")
window = torch.hamming_window(512)


def spectrogram(audio):
    win = window.to(audio.device)
    return torch.stft(audio, n_fft=512, hop_length=128, window=win, return_complex=True)


def featurize(clips):
    feats = []
    for clip in clips:
        wave = torch.as_tensor(clip, dtype=torch.float32, device=device)
        feats.append(spectrogram(wave).abs().log1p().cpu())
    return feats

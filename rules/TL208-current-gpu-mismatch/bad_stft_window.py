import argparse

import torch


# Spectrogram features for a run on --gpu: the analysis window is put on the
# current GPU by `.cuda()`, the audio on the GPU the option chooses.
parser = argparse.ArgumentParser()
parser.add_argument("--gpu", type=int, default=1)
args = parser.parse_args()

device = torch.device(f"cuda:{args.gpu}")
window = torch.hamming_window(512).cuda()  # expect: TL208:10 lines=17,23


def spectrogram(audio):
    return torch.stft(audio, n_fft=512, hop_length=128, window=window, return_complex=True)


def featurize(clips):
    feats = []
    for clip in clips:
        wave = torch.as_tensor(clip, dtype=torch.float32, device=device)
        feats.append(spectrogram(wave).abs().log1p().cpu())
    return feats

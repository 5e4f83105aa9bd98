import torch
from nnAudio import features

device = torch.device("cuda" if torch.cuda.is_available() else "cpu")


def spectrograms(waves):
    mel = features.MelSpectrogram(sr=16000, n_fft=512, hop_length=160, n_mels=40).to(device)
    out = []
    for wave in waves:
        out.append(torch.log(mel(wave.to(device)) + 1e-6))
    return out

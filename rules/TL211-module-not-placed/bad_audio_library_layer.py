# nnAudio's feature layers are modules: their STFT kernels and mel filterbank stay on
# the CPU until the layer is moved, and the waveforms come in on the GPU.
import torch
from nnAudio import features

device = torch.device("cuda" if torch.cuda.is_available() else "cpu")


def spectrograms(waves):
    mel = features.MelSpectrogram(sr=16000, n_fft=512, hop_length=160, n_mels=40)  # expect: TL211:11 lines=13,13
    out = []
    for wave in waves:
        out.append(torch.log(mel(wave.to(device)) + 1e-6))
    return out

# Legacy CPU types on tensors that are on the CPU anyway: the audio read by
# torchaudio, resampled and quantized in a helper, and a label made by torch.tensor.
# Nothing moves (TL103, off by default, still prefers `.to(torch.int64)`); the model
# gets both moved afterwards.
import torch
import torchaudio
from torch import nn

LEVELS = 256


def quantize(wave):
    scaled = (wave.clamp(-1.0, 1.0) + 1.0) * (LEVELS - 1) / 2
    return scaled.round().type(torch.LongTensor)


def main(path, model: nn.Module, device):
    wave, rate = torchaudio.load(path)
    wave = torchaudio.functional.resample(wave, rate, 16000)
    tokens = quantize(wave)
    speaker = torch.tensor([7]).type(torch.LongTensor)
    model.to(device)
    return model(tokens.to(device), speaker.to(device))

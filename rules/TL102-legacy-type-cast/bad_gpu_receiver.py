# The same helper handed the model's output, which lives on the GPU: the legacy CPU
# type brings it back to the CPU, where the next step meets the GPU tensors again.
import torch
from torch import nn

LEVELS = 256


def quantize(wave):
    scaled = (wave.clamp(-1.0, 1.0) + 1.0) * (LEVELS - 1) / 2
    return scaled.round().type(torch.LongTensor)  # expect: TL102:27


def main(model: nn.Module, device):
    model.to(device)
    wave = model(torch.randn(1, 16000, device=device))
    return quantize(wave)

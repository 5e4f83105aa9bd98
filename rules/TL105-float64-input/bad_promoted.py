import numpy as np
import torch
import torch.nn.functional as F


def smoothing_kernel(size, sigma):
    # float32 taps: arange in float32, then arithmetic with Python numbers.
    coords = torch.arange(size, dtype=torch.float32) - (size - 1) / 2
    taps = torch.exp(-(coords**2) / (2 * sigma**2))
    taps = taps / taps.sum()
    return torch.outer(taps, taps)[None, None]


def smooth(image, size=5, sigma=1.5):
    return F.conv2d(image, smoothing_kernel(size, sigma), padding=size // 2)


class NoiseLevels:
    def __init__(self, steps=8):
        # numpy's float64 schedule: from_numpy keeps float64.
        self.levels = torch.from_numpy(np.linspace(1.0, 0.1, steps))  # expect: TL105:23 lines=15,8

    def denoise(self, image):
        x = torch.from_numpy(image)
        for i in range(len(self.levels)):
            # A float64 tensor with dimensions makes the product float64, whatever
            # the image's dtype was.
            level = self.levels[i].view(1, 1, 1, 1)
            x = smooth(x * level)
        return x


def restore(image):
    return NoiseLevels().denoise(image)

# source: https://github.com/leftthomas/ESPCN/issues/23
# error: TypeError: can't convert CUDA tensor to numpy. Use Tensor.cpu() to copy the tensor to host memory first.
# pattern: numpy-of-device-tensor
# shape: class, loader-loop
# bug-lines: 37, 55
# cpu: clean
# needs: torch, numpy
import math

import numpy as np
import torch
import torch.nn as nn
import torch.nn.functional as F
from torch.utils.data import DataLoader, TensorDataset


class AverageValueMeter:
    def __init__(self):
        self.reset()

    def reset(self):
        self.n, self.sum, self.var = 0, 0.0, 0.0
        self.mean, self.std = np.nan, np.nan
        self.mean_old, self.m_s = 0.0, 0.0

    def add(self, value, n=1):
        self.sum += value
        self.var += value * value
        self.n += n
        if self.n == 1:
            self.mean, self.std = 0.0 + self.sum, np.inf
            self.mean_old, self.m_s = self.mean, 0.0
        else:
            self.mean = self.mean_old + (value - n * self.mean_old) / float(self.n)
            self.m_s += (value - self.mean_old) * (value - self.mean)
            self.mean_old = self.mean
            self.std = np.sqrt(self.m_s / (self.n - 1.0))

    def value(self):
        return self.mean, self.std


class SubPixelNet(nn.Module):
    def __init__(self, upscale_factor=2):
        super().__init__()
        self.conv1 = nn.Conv2d(1, 32, 5, padding=2)
        self.conv2 = nn.Conv2d(32, upscale_factor ** 2, 3, padding=1)
        self.shuffle = nn.PixelShuffle(upscale_factor)

    def forward(self, x):
        return self.shuffle(self.conv2(torch.tanh(self.conv1(x))))


def on_forward(state, meter_loss, meter_psnr):
    meter_loss.add(state["loss"].data)
    meter_psnr.add(10 * math.log10(1 / max(state["loss"].item(), 1e-10)))


if __name__ == "__main__":
    device = torch.device("cuda" if torch.cuda.is_available() else "cpu")
    model = SubPixelNet().to(device)
    optimizer = torch.optim.Adam(model.parameters(), lr=1e-3)
    low = torch.rand(32, 1, 8, 8)
    loader = DataLoader(TensorDataset(low, F.interpolate(low, scale_factor=2)), batch_size=8)
    meter_loss, meter_psnr = AverageValueMeter(), AverageValueMeter()
    for epoch in range(2):
        meter_loss.reset()
        meter_psnr.reset()
        for data, target in loader:
            data, target = data.to(device), target.to(device)
            loss = F.mse_loss(model(data), target)
            optimizer.zero_grad()
            loss.backward()
            optimizer.step()
            on_forward({"loss": loss, "output": None}, meter_loss, meter_psnr)
        print(epoch, meter_loss.value()[0], meter_psnr.value()[0])

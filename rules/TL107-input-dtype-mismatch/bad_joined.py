import numpy as np
import torch
from torch import nn


class DepthNet(nn.Module):
    def __init__(self):
        super().__init__()
        self.encoder = nn.Conv2d(3, 8, 3, padding=1)
        self.head = nn.Conv2d(8, 1, 1)

    def forward(self, image):
        return self.head(torch.relu(self.encoder(image)))


class DepthRunner:
    def __init__(self, device):
        self.device = device
        self.net = DepthNet().to(device).half()
        # Normalisation constants in the default dtype, float32.
        self.pixel_mean = torch.tensor([123.7, 116.3, 103.5]).view(1, 3, 1, 1)
        self.pixel_std = torch.tensor([58.4, 57.1, 57.4]).view(1, 3, 1, 1)

    def prepare(self, frames):
        batch = torch.from_numpy(np.stack(frames)).permute(0, 3, 1, 2).half()
        # float32 constants with dimensions promote the half batch: float32 again,
        # decided by both of them, so the line to change is the move below.
        batch = (batch - self.pixel_mean) / self.pixel_std
        return batch.to(self.device)  # expect: TL107:16 lines=28,32,13,19

    def predict(self, frames):
        return self.net(self.prepare(frames))

# source: https://github.com/seasonSH/LiftedGAN/pull/1
# error: RuntimeError: Expected all tensors to be on the same device, but found at least two devices, cuda:0 and cpu!
# pattern: tensor-created-without-device
# shape: multi-file, loader-loop, top-level
# needs: torch, torchvision
# cpu: no written where torch was not installed; not run
import math

import torch
import torch.nn as nn
from torchvision.utils import save_image

from renderer import DepthRenderer


class LiftedGenerator(nn.Module):
    """Stand-in for the lifted StyleGAN: latent -> (canonical image, canonical depth)."""

    def __init__(self, z_dim=512, size=128):
        super().__init__()
        self.size = size
        self.fc = nn.Linear(z_dim, 4 * size * size)

    def forward(self, z):
        out = self.fc(z).view(-1, 4, self.size, self.size)
        image = torch.tanh(out[:, :3])
        depth = 0.9 + 0.2 * torch.sigmoid(out[:, 3])
        return image, depth


if __name__ == "__main__":
    device = "cuda"
    generator = LiftedGenerator().to(device).eval()
    renderer = DepthRenderer(image_size=128, device=device)
    yaws = [math.radians(a) for a in range(-30, 31, 15)]
    with torch.no_grad():
        for i in range(4):
            z = torch.randn(8, 512, device=device)
            image, depth = generator(z)
            frames = [renderer.render_yaw(image, depth, yaw) for yaw in yaws]
            save_image(torch.cat(frames) * 0.5 + 0.5, f"poses_{i:03d}.png", nrow=8)

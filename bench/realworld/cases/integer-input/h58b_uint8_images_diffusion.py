# source: https://github.com/lucidrains/imagen-pytorch/issues/118
# error: RuntimeError: "normal_kernel_cuda" not implemented for 'Byte'
# pattern: integer-input
# shape: loader-loop, batch-dict, class
# bug-lines: 28, 42, 68
# needs: torch, numpy, PIL
# cpu: no written where torch was not installed; not run
import glob

import numpy as np
import torch
import torch.nn as nn
import torch.nn.functional as F
from PIL import Image
from torch.utils.data import DataLoader, Dataset


class FolderImages(Dataset):
    def __init__(self, paths, size=64):
        self.paths = paths
        self.size = size

    def __len__(self):
        return len(self.paths)

    def __getitem__(self, idx):
        img = Image.open(self.paths[idx]).convert("RGB").resize((self.size, self.size))
        pixels = torch.from_numpy(np.array(img)).permute(2, 0, 1)
        return {"pixel_values": pixels, "path": self.paths[idx]}


class GaussianDiffusion(nn.Module):
    def __init__(self, denoiser, timesteps=1000):
        super().__init__()
        self.denoiser = denoiser
        betas = torch.linspace(1e-4, 0.02, timesteps)
        self.register_buffer("alphas_cumprod", torch.cumprod(1.0 - betas, dim=0))
        self.num_timesteps = timesteps

    def forward(self, x_start):
        t = torch.randint(0, self.num_timesteps, (x_start.size(0),), device=x_start.device)
        noise = torch.randn_like(x_start)
        a = self.alphas_cumprod[t].view(-1, 1, 1, 1)
        x_noisy = a.sqrt() * x_start + (1 - a).sqrt() * noise
        return F.mse_loss(self.denoiser(x_noisy, t), noise)


class SmallDenoiser(nn.Module):
    def __init__(self, ch=64):
        super().__init__()
        self.net = nn.Sequential(
            nn.Conv2d(3, ch, 3, padding=1), nn.SiLU(),
            nn.Conv2d(ch, ch, 3, padding=1), nn.SiLU(),
            nn.Conv2d(ch, 3, 3, padding=1),
        )

    def forward(self, x, t):
        return self.net(x)


def train(image_dir, device="cuda", epochs=10):
    model = GaussianDiffusion(SmallDenoiser()).to(device)
    optimizer = torch.optim.AdamW(model.parameters(), lr=2e-4)
    loader = DataLoader(FolderImages(sorted(glob.glob(f"{image_dir}/*.png"))), batch_size=16, shuffle=True)
    for epoch in range(epochs):
        for batch in loader:
            images = batch["pixel_values"].to(device)
            loss = model(images)
            optimizer.zero_grad()
            loss.backward()
            optimizer.step()
        print(f"epoch {epoch}: loss {loss.item():.4f}")


if __name__ == "__main__":
    train("data/faces")

# source: https://github.com/mattroz/diffusion-ddpm/issues/5
# error: RuntimeError: indices should be either on cpu or on the same device as the indexed tensor (cpu)
# pattern: tensor-created-without-device
# shape: class, loader-loop
# bug-lines: 27, 33
# cpu: clean
# needs: torch
from dataclasses import dataclass

import torch
import torch.nn as nn
import torch.nn.functional as F
from torch.utils.data import DataLoader, Dataset


@dataclass
class TrainingConfig:
    image_size: int = 16
    batch_size: int = 8
    num_epochs: int = 2
    num_timesteps: int = 1000
    device: str = "cuda" if torch.cuda.is_available() else "cpu"


class DDPMPipeline:
    def __init__(self, beta_start=1e-4, beta_end=1e-2, num_timesteps=1000):
        self.betas = torch.linspace(beta_start, beta_end, num_timesteps)
        self.alphas = 1 - self.betas
        self.alphas_hat = torch.cumprod(self.alphas, dim=0)

    def forward_diffusion(self, images, timesteps):
        gaussian_noise = torch.randn_like(images)
        alpha_hat = self.alphas_hat[timesteps].to(images.device).view(-1, 1, 1, 1)
        return alpha_hat.sqrt() * images + (1 - alpha_hat).sqrt() * gaussian_noise, gaussian_noise


class TinyDenoiser(nn.Module):
    def __init__(self, channels=3, hidden=32, num_timesteps=1000):
        super().__init__()
        self.time_embed = nn.Embedding(num_timesteps, hidden)
        self.conv_in = nn.Conv2d(channels, hidden, 3, padding=1)
        self.conv_out = nn.Conv2d(hidden, channels, 3, padding=1)

    def forward(self, x, t):
        h = F.silu(self.conv_in(x) + self.time_embed(t)[:, :, None, None])
        return self.conv_out(h)


class RandomImages(Dataset):
    def __init__(self, n=32, size=16):
        self.data = torch.rand(n, 3, size, size) * 2 - 1

    def __len__(self):
        return len(self.data)

    def __getitem__(self, idx):
        return self.data[idx]


def main():
    config = TrainingConfig()
    loader = DataLoader(RandomImages(size=config.image_size), batch_size=config.batch_size, shuffle=True)
    model = TinyDenoiser(num_timesteps=config.num_timesteps).to(config.device)
    diffusion = DDPMPipeline(num_timesteps=config.num_timesteps)
    optimizer = torch.optim.AdamW(model.parameters(), lr=1e-4)
    for epoch in range(config.num_epochs):
        for images in loader:
            images = images.to(config.device)
            timesteps = torch.randint(0, config.num_timesteps, (images.shape[0],), device=config.device).long()
            noisy_images, noise = diffusion.forward_diffusion(images, timesteps)
            noise_pred = model(noisy_images, timesteps)
            loss = F.mse_loss(noise_pred, noise)
            optimizer.zero_grad()
            loss.backward()
            optimizer.step()
        print(f"epoch {epoch} loss {loss.item():.4f}")


if __name__ == "__main__":
    main()

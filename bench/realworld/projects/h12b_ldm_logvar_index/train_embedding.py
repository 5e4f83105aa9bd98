# source: https://github.com/timothybrooks/instruct-pix2pix/issues/131 https://github.com/CompVis/stable-diffusion/pull/851
# error: RuntimeError: indices should be either on cpu or on the same device as the indexed tensor (cpu)
# pattern: tensor-attribute-not-buffer
# shape: multi-file, loader-loop, batch-dict
# needs: torch
# cpu: no written where torch was not installed; not run

import os

import torch
import torch.nn as nn
from torch.utils.data import DataLoader, Dataset

from ddpm import LatentDiffusion


class TinyDenoiser(nn.Module):
    def __init__(self, channels=4, cond_dim=768, width=128, num_timesteps=1000):
        super().__init__()
        self.time_embed = nn.Embedding(num_timesteps, width)
        self.cond_embed = nn.Linear(cond_dim, width)
        self.inp = nn.Conv2d(channels, width, 3, padding=1)
        self.mid = nn.Sequential(nn.SiLU(), nn.Conv2d(width, width, 3, padding=1), nn.SiLU())
        self.out = nn.Conv2d(width, channels, 3, padding=1)

    def forward(self, x, t, cond):
        emb = self.time_embed(t) + self.cond_embed(cond)
        h = self.inp(x) + emb[:, :, None, None]
        return self.out(self.mid(h))


class CachedLatents(Dataset):
    """Latents and pooled text embeddings pre-encoded by the VAE / text encoder."""

    def __init__(self, cache_dir):
        self.paths = sorted(os.path.join(cache_dir, f) for f in os.listdir(cache_dir) if f.endswith(".pt"))

    def __len__(self):
        return len(self.paths)

    def __getitem__(self, idx):
        item = torch.load(self.paths[idx])
        return {"latent": item["latent"], "text_emb": item["text_emb"]}


def train(cache_dir, steps=5000, lr=5e-5):
    device = torch.device("cuda" if torch.cuda.is_available() else "cpu")
    model = LatentDiffusion(TinyDenoiser(), cond_dim=768).to(device)
    optimizer = torch.optim.AdamW(model.parameters(), lr=lr)
    loader = DataLoader(CachedLatents(cache_dir), batch_size=4, shuffle=True, drop_last=True)

    step = 0
    while step < steps:
        for batch in loader:
            x = batch["latent"].to(device)
            c = batch["text_emb"].to(device)
            loss, logs = model(x, c)
            optimizer.zero_grad()
            loss.backward()
            optimizer.step()
            step += 1
            if step % 100 == 0:
                print(step, {k: round(v.item(), 5) for k, v in logs.items()})
            if step >= steps:
                break


if __name__ == "__main__":
    train("cache/latents")

# source: https://github.com/sattarov/FedTabDiff/issues/1 https://github.com/sattarov/FedTabDiff/pull/2
# error: RuntimeError: Expected all tensors to be on the same device, but found at least two devices, cuda:0 and cpu! (when checking argument for argument index in method wrapper_CUDA__index_select)
# pattern: inputs-not-moved
# shape: multi-file, class
# needs: torch
# cpu: no written where torch was not installed; not run
"""Label-conditioned MLP denoiser for synthetic payment records (federated diffusion)."""
import math

import torch
import torch.nn as nn


def timestep_embedding(timesteps, dim, max_period=10000):
    half = dim // 2
    freqs = torch.exp(
        -math.log(max_period) * torch.arange(half, dtype=torch.float32, device=timesteps.device) / half
    )
    args = timesteps.float()[:, None] * freqs[None]
    return torch.cat([torch.cos(args), torch.sin(args)], dim=-1)


class MLPSynthesizer(nn.Module):
    def __init__(self, d_in, n_classes, hidden=(256, 256), dim_t=64):
        super().__init__()
        self.dim_t = dim_t
        self.label_emb = nn.Embedding(n_classes, dim_t)
        self.time_embed = nn.Sequential(nn.Linear(dim_t, dim_t), nn.SiLU(), nn.Linear(dim_t, dim_t))
        self.proj = nn.Linear(d_in, dim_t)
        layers, width = [], dim_t
        for h in hidden:
            layers += [nn.Linear(width, h), nn.ReLU()]
            width = h
        layers.append(nn.Linear(width, d_in))
        self.mlp = nn.Sequential(*layers)

    def forward(self, x, timesteps, label):
        emb = self.time_embed(timestep_embedding(timesteps, self.dim_t))
        emb = emb + self.label_emb(label)
        return self.mlp(self.proj(x) + emb)

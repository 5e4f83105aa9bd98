# source: https://github.com/huggingface/accelerate/issues/2251
# error: RuntimeError: Expected all tensors to be on the same device, but found at least two devices, cuda:0 and cpu!
# pattern: discarded-tensor-move
# shape: class, helper, loader-loop
# bug-lines: 56, 57
# cpu: clean
# needs: torch, numpy
import math

import numpy as np
import torch
import torch.nn as nn


class UniformSampler:
    def __init__(self, num_timesteps):
        self.num_timesteps = num_timesteps

    def weights(self):
        return np.ones(self.num_timesteps)

    def sample(self, batch_size):
        w = self.weights()
        p = w / np.sum(w)
        indices_np = np.random.choice(len(p), size=(batch_size,), p=p)
        indices = torch.from_numpy(indices_np).long()
        weights = torch.from_numpy(1 / (len(p) * p[indices_np])).float()
        return indices, weights


def timestep_embedding(timesteps, dim):
    half = dim // 2
    freqs = torch.exp(-math.log(10000) * torch.arange(half, device=timesteps.device) / half)
    args = timesteps[:, None].float() * freqs[None]
    return torch.cat([torch.cos(args), torch.sin(args)], dim=-1)


class Denoiser(nn.Module):
    def __init__(self, dim=32):
        super().__init__()
        self.t_proj = nn.Linear(dim, dim)
        self.net = nn.Linear(dim, dim)

    def forward(self, x, t):
        return self.net(x + self.t_proj(timestep_embedding(t, x.shape[-1])))


class TrainLoop:
    def __init__(self, model, num_timesteps=1000):
        self.model = model
        self.schedule_sampler = UniformSampler(num_timesteps)
        self.opt = torch.optim.AdamW(model.parameters(), lr=1e-4)

    def forward_backward(self, batch):
        t, weights = self.schedule_sampler.sample(batch.shape[0])
        t.to(batch.device)
        weights.to(batch.device)
        noise = torch.randn_like(batch)
        losses = ((self.model(batch + noise, t) - noise) ** 2).mean(dim=-1)
        loss = (losses * weights).mean()
        self.opt.zero_grad()
        loss.backward()
        self.opt.step()
        return loss.item()


if __name__ == "__main__":
    device = torch.device("cuda" if torch.cuda.is_available() else "cpu")
    loop = TrainLoop(Denoiser().to(device))
    for batch in torch.randn(4, 16, 32).unbind(0):
        print(loop.forward_backward(batch.to(device)))

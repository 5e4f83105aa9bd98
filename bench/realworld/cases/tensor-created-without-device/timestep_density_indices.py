# source: https://github.com/huggingface/diffusers/pull/8528
# error: RuntimeError: indices should be either on cpu or on the same device as the indexed tensor (cpu)
# pattern: tensor-created-without-device
# shape: class, helper, loader-loop
# bug-lines: 18, 21, 47
# cpu: clean
# needs: torch
import math

import torch as th
import torch.nn as nn
import torch.nn.functional as F


class FlowMatchSchedule:
    def __init__(self, num_train_timesteps=1000, shift=3.0):
        self.num_train_timesteps = num_train_timesteps
        ts = th.linspace(1, num_train_timesteps, num_train_timesteps).flip(0)
        sigmas = ts / num_train_timesteps
        self.sigmas = shift * sigmas / (1 + (shift - 1) * sigmas)
        self.timesteps = self.sigmas * num_train_timesteps


def compute_density(scheme, batch_size, device, logit_mean=0.0, logit_std=1.0, mode_scale=1.29):
    if scheme == "logit_normal":
        u = th.normal(mean=logit_mean, std=logit_std, size=(batch_size,), device=device).sigmoid()
    else:
        u = th.rand(size=(batch_size,), device=device)
        if scheme == "mode":
            u = 1 - u - mode_scale * (th.cos(math.pi * u / 2) ** 2 - 1 + u)
    return u


def get_sigmas(schedule, timesteps, n_dim, device):
    sigmas = schedule.sigmas.to(device)
    schedule_timesteps = schedule.timesteps.to(device)
    step_indices = [(schedule_timesteps == t).nonzero().item() for t in timesteps]
    sigma = sigmas[step_indices].flatten()
    return sigma.view(-1, *([1] * (n_dim - 1)))


def train_step(model, schedule, latents, device, scheme="logit_normal"):
    latents = latents.to(device)
    noise = th.randn_like(latents)
    u = compute_density(scheme, latents.shape[0], device)
    indices = (u * schedule.num_train_timesteps).long()
    timesteps = schedule.timesteps[indices].to(device=latents.device)
    sigmas = get_sigmas(schedule, timesteps, latents.ndim, device)
    noisy = (1.0 - sigmas) * latents + sigmas * noise
    pred = model(noisy)
    return F.mse_loss(pred.float(), (noise - latents).float())


if __name__ == "__main__":
    device = th.device("cuda" if th.cuda.is_available() else "cpu")
    model = nn.Sequential(nn.Conv2d(4, 16, 3, padding=1), nn.SiLU(), nn.Conv2d(16, 4, 3, padding=1)).to(device)
    schedule = FlowMatchSchedule()
    opt = th.optim.AdamW(model.parameters(), lr=1e-4)
    for step, latents in enumerate(th.randn(3, 2, 4, 8, 8)):
        loss = train_step(model, schedule, latents, device)
        opt.zero_grad()
        loss.backward()
        opt.step()
        print(step, round(loss.item(), 4))

# source: https://github.com/huggingface/diffusers/pull/8528
# error: none (correct version of the shape)
# pattern: tensor-created-without-device
# shape: class, helper, loader-loop
# looks-like: tensor-created-without-device
# cpu: clean
# needs: torch
import torch
import torch.nn as nn
import torch.nn.functional as F


class NoiseSchedule(nn.Module):
    def __init__(self, num_timesteps=1000, beta_start=1e-4, beta_end=0.02):
        super().__init__()
        betas = torch.linspace(beta_start, beta_end, num_timesteps)
        alphas_cumprod = torch.cumprod(1.0 - betas, dim=0)
        self.num_timesteps = num_timesteps
        self.register_buffer("sqrt_ac", alphas_cumprod.sqrt())
        self.register_buffer("sqrt_1m_ac", (1.0 - alphas_cumprod).sqrt())

    def add_noise(self, x0, noise, t):
        shape = (x0.shape[0],) + (1,) * (x0.ndim - 1)
        return self.sqrt_ac[t].view(shape) * x0 + self.sqrt_1m_ac[t].view(shape) * noise


def sample_shifted_timesteps(num_timesteps, batch_size, shift=3.0):
    table = torch.linspace(1.0, 0.0, num_timesteps)
    table = shift * table / (1 + (shift - 1) * table)
    u = torch.rand(batch_size)
    indices = (u * num_timesteps).long().clamp(max=num_timesteps - 1)
    return (table[indices] * (num_timesteps - 1)).long()


class Denoiser(nn.Module):
    def __init__(self, channels=4):
        super().__init__()
        self.schedule = NoiseSchedule()
        self.net = nn.Sequential(nn.Conv2d(channels, 16, 3, padding=1), nn.SiLU(), nn.Conv2d(16, channels, 3, padding=1))

    def training_loss(self, x0):
        t = torch.randint(0, self.schedule.num_timesteps, (x0.shape[0],), device=x0.device)
        noise = torch.randn_like(x0)
        return F.mse_loss(self.net(self.schedule.add_noise(x0, noise, t)), noise)

    def shifted_loss(self, x0):
        t = sample_shifted_timesteps(self.schedule.num_timesteps, x0.shape[0]).to(x0.device)
        noise = torch.randn_like(x0)
        return F.mse_loss(self.net(self.schedule.add_noise(x0, noise, t)), noise)


if __name__ == "__main__":
    device = torch.device("cuda" if torch.cuda.is_available() else "cpu")
    model = Denoiser().to(device)
    opt = torch.optim.Adam(model.parameters(), lr=1e-3)
    for step, x0 in enumerate(torch.randn(4, 2, 4, 8, 8)):
        x0 = x0.to(device)
        loss = model.training_loss(x0) if step % 2 == 0 else model.shifted_loss(x0)
        opt.zero_grad()
        loss.backward()
        opt.step()
        print(step, round(loss.item(), 4))

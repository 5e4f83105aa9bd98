# source: https://github.com/modelscope/modelscope/issues/220
# error: RuntimeError: indices should be either on cpu or on the same device as the indexed tensor (cpu)
# pattern: tensor-created-without-device
# shape: helper, class
# bug-lines: 16, 24, 31, 36
# cpu: clean
# needs: torch
import math

import torch
import torch.nn as nn


def beta_schedule(schedule, num_timesteps=1000, init_beta=None, last_beta=None):
    if schedule == "linear_sd":
        return torch.linspace(init_beta ** 0.5, last_beta ** 0.5, num_timesteps, dtype=torch.float64) ** 2
    elif schedule == "cosine":
        betas = []
        for step in range(num_timesteps):
            t1 = step / num_timesteps
            t2 = (step + 1) / num_timesteps
            fn = lambda u: math.cos((u + 0.008) / 1.008 * math.pi / 2) ** 2
            betas.append(min(1.0 - fn(t2) / fn(t1), 0.999))
        return torch.tensor(betas, dtype=torch.float64)
    raise ValueError(f"Unsupported schedule: {schedule}")


def _i(tensor, t, x):
    r"""Index tensor using t and format the output according to x."""
    shape = (x.size(0),) + (1,) * (x.ndim - 1)
    return tensor[t].view(shape).to(x)


class GaussianDiffusion:
    def __init__(self, betas):
        self.betas = betas
        self.num_timesteps = len(betas)
        alphas = 1 - self.betas
        self.alphas_cumprod = torch.cumprod(alphas, dim=0)
        self.sqrt_alphas_cumprod = torch.sqrt(self.alphas_cumprod)
        self.sqrt_one_minus_alphas_cumprod = torch.sqrt(1.0 - self.alphas_cumprod)

    def q_sample(self, x0, t, noise=None):
        noise = torch.randn_like(x0) if noise is None else noise
        return _i(self.sqrt_alphas_cumprod, t, x0) * x0 + \
            _i(self.sqrt_one_minus_alphas_cumprod, t, x0) * noise

    def loss(self, x0, t, model):
        noise = torch.randn_like(x0)
        xt = self.q_sample(x0, t, noise=noise)
        return (model(xt) - noise).pow(2).mean()


if __name__ == "__main__":
    device = torch.device("cuda" if torch.cuda.is_available() else "cpu")
    unet = nn.Conv2d(4, 4, 3, padding=1).to(device)
    betas = beta_schedule("linear_sd", 1000, init_beta=0.00085, last_beta=0.0120)
    diffusion = GaussianDiffusion(betas=betas)
    x0 = torch.randn(2, 4, 8, 8, device=device)
    t = torch.randint(0, diffusion.num_timesteps, (x0.size(0),), dtype=torch.long, device=device)
    print(diffusion.loss(x0, t, unet).item())

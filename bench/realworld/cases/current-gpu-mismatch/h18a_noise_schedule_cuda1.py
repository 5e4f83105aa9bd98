# source: https://github.com/Nerogar/OneTrainer/issues/366
# error: RuntimeError: indices should be either on cpu or on the same device as the indexed tensor (cuda:0)
# pattern: current-gpu-mismatch
# shape: class, helper, batch-dict
# bug-lines: 22, 23, 29, 30
# needs: torch
# cpu: no written where torch was not installed; not run

import torch
import torch.nn.functional as F


class DiffusionNoiseMixin:
    """Shared forward-noising helpers for the model setups."""

    _coefficients = None

    def _noise_coefficients(self, betas):
        if self._coefficients is None:
            alphas_cumprod = torch.cumprod(1.0 - betas, dim=0)
            self._coefficients = {
                "sqrt_alphas_cumprod": alphas_cumprod.sqrt().cuda(),
                "sqrt_one_minus_alphas_cumprod": (1.0 - alphas_cumprod).sqrt().cuda(),
            }
        return self._coefficients

    def add_noise_discrete(self, latents, noise, timestep, betas):
        coeffs = self._noise_coefficients(betas)
        sqrt_a = coeffs["sqrt_alphas_cumprod"][timestep]
        sqrt_1ma = coeffs["sqrt_one_minus_alphas_cumprod"][timestep]
        shape = (-1,) + (1,) * (latents.dim() - 1)
        return sqrt_a.view(shape) * latents + sqrt_1ma.view(shape) * noise


class LatentDiffusionSetup(DiffusionNoiseMixin):
    def __init__(self, unet, train_device="cuda:1", num_train_timesteps=1000):
        self.train_device = torch.device(train_device)
        self.unet = unet.to(self.train_device)
        self.betas = torch.linspace(0.00085 ** 0.5, 0.012 ** 0.5, num_train_timesteps) ** 2

    def predict(self, batch):
        latents = batch["latent_image"].to(self.train_device)
        cond = batch["text_embedding"].to(self.train_device)
        noise = torch.randn_like(latents)
        timestep = torch.randint(0, len(self.betas), (latents.shape[0],), device=self.train_device)
        noisy = self.add_noise_discrete(latents, noise, timestep, self.betas)
        return self.unet(noisy, timestep, cond), noise

    def training_step(self, batch, optimizer):
        pred, target = self.predict(batch)
        loss = F.mse_loss(pred.float(), target.float())
        optimizer.zero_grad()
        loss.backward()
        optimizer.step()
        return loss.item()


class ToyUNet(torch.nn.Module):
    def __init__(self, channels=4, cond_dim=768):
        super().__init__()
        self.cond = torch.nn.Linear(cond_dim, channels)
        self.conv = torch.nn.Conv2d(channels, channels, 3, padding=1)

    def forward(self, x, t, cond):
        return self.conv(x + self.cond(cond.mean(1))[:, :, None, None])


if __name__ == "__main__":
    setup = LatentDiffusionSetup(ToyUNet(), train_device="cuda:1")
    opt = torch.optim.AdamW(setup.unet.parameters(), lr=1e-4)
    batch = {"latent_image": torch.randn(2, 4, 32, 32), "text_embedding": torch.randn(2, 77, 768)}
    print(setup.training_step(batch, opt))

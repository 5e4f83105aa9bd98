# source: https://github.com/deepbeepmeep/Wan2GP/pull/2099
# error: RuntimeError: Expected all tensors to be on the same device, but found at least two devices, cuda:0 and cpu!
# pattern: tensor-created-without-device
# shape: class, helper
# bug-lines: 26, 40
# needs: torch
# cpu: no written where torch was not installed; not run
import torch


class LangevinInpainter:
    """Langevin-style latent inpainting step used inside a diffusion sampler."""

    def __init__(self, n_inner_steps=3, step_size=0.15, friction=15.0):
        self.n_inner_steps = n_inner_steps
        self.step_size = step_size
        self.friction = friction
        self.latent_image = None
        self.noise = None

    def _broadcast_sigma(self, sigma, batch_size):
        # the scheduler sometimes hands us a 0-dim timestep tensor (t / 1000)
        if not torch.is_tensor(sigma):
            sigma = torch.full((batch_size,), float(sigma), device=self.latent_image.device)
        elif sigma.dim() == 0:
            sigma = torch.tensor([sigma.item()])
        return sigma.view(-1, 1, 1, 1)

    def __call__(self, denoise_fn, latents, image_latents, noise, sigma, mask):
        self.latent_image = image_latents
        self.noise = noise
        sigma = self._broadcast_sigma(sigma, latents.shape[0])
        x = latents
        for _ in range(self.n_inner_steps):
            x = self._langevin_step(denoise_fn, x, sigma, mask)
        return x

    def _langevin_step(self, denoise_fn, x, sigma, mask):
        # keep the known region pinned to the (noised) source image
        noisy_image = self.latent_image * (1.0 - sigma) + self.noise * sigma
        with torch.no_grad():
            x0 = denoise_fn(x, sigma)
        drift = (x0 - x) * self.step_size
        x = x + drift / (1.0 + self.friction * self.step_size)
        return mask * x + (1.0 - mask) * noisy_image


def inpaint(unet, scheduler, image_latents, mask, steps=30, device="cuda"):
    image_latents = image_latents.to(device)
    mask = mask.to(device)
    latents = torch.randn_like(image_latents)
    noise = torch.randn_like(image_latents)
    inpainter = LangevinInpainter()
    scheduler.set_timesteps(steps, device=device)
    for t in scheduler.timesteps:
        denoise = lambda x, s: unet(x, t).sample
        latents = inpainter(denoise, latents, image_latents, noise, t / 1000, mask)
        latents = scheduler.step(unet(latents, t).sample, t, latents).prev_sample
    return latents

# An Euler scheduler keeps its sigmas on the device `set_timesteps` was given: the
# noise is made there too before its initial sigma scales it.
import torch
from diffusers import EulerDiscreteScheduler


def initial_latents(scheduler, batch, size):
    sigma = scheduler.init_noise_sigma
    noise = torch.randn(batch, 4, size // 8, size // 8, device=sigma.device)
    return noise * sigma


if __name__ == "__main__":
    scheduler = EulerDiscreteScheduler.from_pretrained("stabilityai/sdxl-turbo", subfolder="scheduler")
    scheduler.set_timesteps(4, device=torch.device("cuda"))
    print(initial_latents(scheduler, 1, 512).shape)

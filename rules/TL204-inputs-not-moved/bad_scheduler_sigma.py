# An Euler scheduler keeps its sigmas on the device `set_timesteps` was given: its
# initial noise sigma is a tensor on the GPU, which the noise made on the CPU cannot
# be scaled by.
import torch
from diffusers import EulerDiscreteScheduler


def initial_latents(scheduler, batch, size):
    noise = torch.randn(batch, 4, size // 8, size // 8)  # expect: TL204:13 lines=10
    return noise * scheduler.init_noise_sigma


if __name__ == "__main__":
    scheduler = EulerDiscreteScheduler.from_pretrained("stabilityai/sdxl-turbo", subfolder="scheduler")
    scheduler.set_timesteps(4, device=torch.device("cuda"))
    print(initial_latents(scheduler, 1, 512).shape)

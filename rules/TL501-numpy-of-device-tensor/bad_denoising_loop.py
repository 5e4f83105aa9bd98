# The denoising loop keeps the latents where they were made: the scheduler's step
# gives the next sample on the GPU, so saving it with numpy needs a copy to the host.
import numpy as np
import torch
from diffusers import DDIMScheduler, UNet2DConditionModel


def sample(unet, cond, steps=50):
    scheduler = DDIMScheduler.from_pretrained("runwayml/stable-diffusion-v1-5", subfolder="scheduler")
    scheduler.set_timesteps(steps, device="cuda")
    latents = torch.randn(1, 4, 64, 64, device="cuda") * scheduler.init_noise_sigma
    for t in scheduler.timesteps:
        with torch.no_grad():
            eps = unet(scheduler.scale_model_input(latents, t), t, encoder_hidden_states=cond).sample
        latents = scheduler.step(eps, t, latents).prev_sample
    np.save("latents.npy", latents.numpy())  # expect: TL501:28 lines=11


if __name__ == "__main__":
    unet = UNet2DConditionModel.from_pretrained("runwayml/stable-diffusion-v1-5", subfolder="unet")
    sample(unet.to("cuda"), torch.randn(1, 77, 768, device="cuda"))

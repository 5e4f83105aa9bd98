# A pipeline loaded in float16 and driven by hand: its parts are modules of that
# dtype, which cast nothing they are given (only the pipeline's own call does), and the
# noise torch.randn makes is float32.
import torch
from diffusers import StableDiffusionPipeline

pipe = StableDiffusionPipeline.from_pretrained("sd-base", torch_dtype=torch.float16).to("cuda")


@torch.no_grad()
def sample(text_embeddings, steps=30):
    latents = torch.randn(1, 4, 64, 64, device="cuda")  # expect: TL107:15 lines=18,7
    pipe.scheduler.set_timesteps(steps)
    latents = latents * pipe.scheduler.init_noise_sigma
    for t in pipe.scheduler.timesteps:
        noise = pipe.unet(latents, t, encoder_hidden_states=text_embeddings).sample
        latents = pipe.scheduler.step(noise, t, latents).prev_sample
    return pipe.vae.decode(latents / pipe.vae.config.scaling_factor).sample

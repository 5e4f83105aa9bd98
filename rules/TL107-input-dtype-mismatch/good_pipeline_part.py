import torch
from diffusers import StableDiffusionPipeline

pipe = StableDiffusionPipeline.from_pretrained("sd-base", torch_dtype=torch.float16).to("cuda")


@torch.no_grad()
def sample(text_embeddings, steps=30):
    latents = torch.randn(1, 4, 64, 64, device="cuda", dtype=pipe.unet.dtype)
    pipe.scheduler.set_timesteps(steps)
    latents = latents * pipe.scheduler.init_noise_sigma
    for t in pipe.scheduler.timesteps:
        noise = pipe.unet(latents, t, encoder_hidden_states=text_embeddings).sample
        latents = pipe.scheduler.step(noise, t, latents).prev_sample
    return pipe.vae.decode(latents / pipe.vae.config.scaling_factor).sample


def run_pipeline(prompt):
    # The pipeline's own call casts what it makes and is given.
    return pipe(prompt, latents=torch.randn(1, 4, 64, 64, device="cuda")).images[0]

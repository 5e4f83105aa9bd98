import torch
from diffusers import AutoencoderKL, StableDiffusionPipeline


def build(checkpoint, vae_file):
    pipe = StableDiffusionPipeline.from_single_file(checkpoint, torch_dtype=torch.float16)
    pipe = pipe.to("cuda")
    # A VAE loaded from its own file replaces the pipeline's after the move.
    pipe.vae = AutoencoderKL.from_single_file(vae_file, torch_dtype=torch.float16)  # expect: TL202:5 lines=7
    return pipe

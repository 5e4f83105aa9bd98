import torch
from diffusers import AutoencoderKL, StableDiffusionPipeline


def build(checkpoint, vae_file):
    pipe = StableDiffusionPipeline.from_single_file(checkpoint, torch_dtype=torch.float16)
    pipe.vae = AutoencoderKL.from_single_file(vae_file, torch_dtype=torch.float16)
    return pipe.to("cuda")


def build_placed_vae(checkpoint, vae_file):
    pipe = StableDiffusionPipeline.from_single_file(checkpoint, torch_dtype=torch.float16)
    pipe = pipe.to("cuda")
    vae = AutoencoderKL.from_single_file(vae_file, torch_dtype=torch.float16)
    pipe.vae = vae.to("cuda")
    return pipe

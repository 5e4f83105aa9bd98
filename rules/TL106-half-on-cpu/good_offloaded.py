import torch
from diffusers import DiffusionPipeline


def generate(prompt):
    pipe = DiffusionPipeline.from_pretrained(
        "stabilityai/stable-diffusion-3-medium-diffusers", torch_dtype=torch.float16
    )
    # Each model is moved to the GPU when it runs and back after: float16 on the
    # GPU, not on the CPU.
    pipe.enable_model_cpu_offload()
    return pipe(prompt).images[0]


def generate_low_memory(prompt):
    pipe = DiffusionPipeline.from_pretrained(
        "stabilityai/stable-diffusion-3-medium-diffusers", torch_dtype=torch.float16
    )
    pipe.load_lora_weights("trained-sd3-lora")
    pipe.enable_sequential_cpu_offload()  # layer by layer
    return pipe(prompt).images[0]

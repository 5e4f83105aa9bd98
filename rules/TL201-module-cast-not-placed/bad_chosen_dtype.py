# The final validation loads the model again in the run's weight dtype, float16
# under `--mixed_precision fp16`, and never places it: that run feeds it images on
# the accelerator's device.
import torch
from diffusers import AutoencoderKL


def validate(args, accelerator, images):
    weight_dtype = torch.float32
    if args.mixed_precision == "fp16":
        weight_dtype = torch.float16
    vae = AutoencoderKL.from_pretrained(args.output_dir, torch_dtype=weight_dtype)  # expect: TL201:11 lines=11,14,15
    for image in images:
        pixels = image.to(accelerator.device, weight_dtype)
        reconstruction = vae(pixels).sample
    return reconstruction

# source: https://github.com/huggingface/diffusers/issues/5897 https://github.com/huggingface/diffusers/pull/6061
# error: RuntimeError: Expected all tensors to be on the same device, but found at least two devices, cuda:0 and cpu!
# shape: helper
# looks-like: adapter-after-placement
# cpu: no needs a download
# needs: torch, diffusers, peft, accelerate, transformers
import argparse

import torch
from accelerate import Accelerator
from diffusers import AutoencoderKL, UNet2DConditionModel
from peft import LoraConfig
from transformers import CLIPTextModel


def parse_args():
    p = argparse.ArgumentParser()
    p.add_argument("--pretrained_model_name_or_path", default="runwayml/stable-diffusion-v1-5")
    p.add_argument("--rank", type=int, default=4)
    p.add_argument("--mixed_precision", default="fp16")
    return p.parse_args()


def setup_models(args, accelerator):
    path = args.pretrained_model_name_or_path
    unet = UNet2DConditionModel.from_pretrained(path, subfolder="unet")
    vae = AutoencoderKL.from_pretrained(path, subfolder="vae")
    text_encoder = CLIPTextModel.from_pretrained(path, subfolder="text_encoder")
    for m in (unet, vae, text_encoder):
        m.requires_grad_(False)

    lora_config = LoraConfig(r=args.rank, lora_alpha=args.rank, init_lora_weights="gaussian",
                             target_modules=["to_k", "to_q", "to_v", "to_out.0"])
    unet.add_adapter(lora_config)  # adapters first ...

    weight_dtype = torch.float16 if accelerator.mixed_precision == "fp16" else torch.float32
    unet.to(accelerator.device, dtype=weight_dtype)  # ... then the whole unet moves
    vae.to(accelerator.device, dtype=weight_dtype)
    text_encoder.to(accelerator.device, dtype=weight_dtype)
    for p in unet.parameters():
        if p.requires_grad:
            p.data = p.data.float()
    return unet, vae, text_encoder, weight_dtype


if __name__ == "__main__":
    args = parse_args()
    accelerator = Accelerator(mixed_precision=args.mixed_precision)
    unet, vae, text_encoder, weight_dtype = setup_models(args, accelerator)
    print(sum(p.numel() for p in unet.parameters() if p.requires_grad))

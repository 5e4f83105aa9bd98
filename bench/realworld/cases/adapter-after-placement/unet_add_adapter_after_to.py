# source: https://github.com/huggingface/diffusers/issues/5897
# error: RuntimeError: Expected all tensors to be on the same device, but found at least two devices, cuda:0 and cpu!
# pattern: adapter-after-placement
# shape: helper, batch-dict, loader-loop
# bug-lines: 42
# cpu: no needs a download
# needs: torch, diffusers, peft, accelerate, transformers
import argparse

import torch
import torch.nn.functional as F
from accelerate import Accelerator
from diffusers import AutoencoderKL, DDPMScheduler, UNet2DConditionModel
from peft import LoraConfig
from transformers import CLIPTextModel


def parse_args():
    p = argparse.ArgumentParser()
    p.add_argument("--pretrained_model_name_or_path", default="runwayml/stable-diffusion-v1-5")
    p.add_argument("--rank", type=int, default=4)
    p.add_argument("--mixed_precision", default="fp16")
    p.add_argument("--learning_rate", type=float, default=1e-4)
    return p.parse_args()


def setup_models(args, accelerator):
    path = args.pretrained_model_name_or_path
    unet = UNet2DConditionModel.from_pretrained(path, subfolder="unet")
    vae = AutoencoderKL.from_pretrained(path, subfolder="vae")
    text_encoder = CLIPTextModel.from_pretrained(path, subfolder="text_encoder")
    for m in (unet, vae, text_encoder):
        m.requires_grad_(False)

    weight_dtype = torch.float16 if accelerator.mixed_precision == "fp16" else torch.float32
    unet.to(accelerator.device, dtype=weight_dtype)
    vae.to(accelerator.device, dtype=weight_dtype)
    text_encoder.to(accelerator.device, dtype=weight_dtype)

    lora_config = LoraConfig(r=args.rank, lora_alpha=args.rank, init_lora_weights="gaussian",
                             target_modules=["to_k", "to_q", "to_v", "to_out.0"])
    unet.add_adapter(lora_config)
    for p in unet.parameters():
        if p.requires_grad:
            p.data = p.data.float()
    return unet, vae, text_encoder, weight_dtype


def train_epoch(args, accelerator, unet, vae, text_encoder, weight_dtype, loader):
    scheduler = DDPMScheduler.from_pretrained(args.pretrained_model_name_or_path, subfolder="scheduler")
    params = [p for p in unet.parameters() if p.requires_grad]
    optimizer = torch.optim.AdamW(params, lr=args.learning_rate)
    unet, optimizer, loader = accelerator.prepare(unet, optimizer, loader)
    for batch in loader:
        pixels = batch["pixel_values"].to(weight_dtype)
        latents = vae.encode(pixels).latent_dist.sample() * vae.config.scaling_factor
        noise = torch.randn_like(latents)
        t = torch.randint(0, scheduler.config.num_train_timesteps, (latents.shape[0],), device=latents.device)
        noisy = scheduler.add_noise(latents, noise, t)
        hidden = text_encoder(batch["input_ids"], return_dict=False)[0]
        pred = unet(noisy, t, hidden, return_dict=False)[0]
        loss = F.mse_loss(pred.float(), noise.float())
        accelerator.backward(loss)
        optimizer.step()
        optimizer.zero_grad()


def main():
    args = parse_args()
    accelerator = Accelerator(mixed_precision=args.mixed_precision)
    unet, vae, text_encoder, weight_dtype = setup_models(args, accelerator)
    samples = [{"pixel_values": torch.randn(3, 512, 512), "input_ids": torch.randint(0, 49408, (77,))}
               for _ in range(4)]
    loader = torch.utils.data.DataLoader(samples, batch_size=2)
    train_epoch(args, accelerator, unet, vae, text_encoder, weight_dtype, loader)


if __name__ == "__main__":
    main()

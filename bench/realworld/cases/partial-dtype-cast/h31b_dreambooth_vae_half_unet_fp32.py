# source: https://github.com/d8ahazard/sd_dreambooth_extension/issues/503
# error: RuntimeError: Input type (torch.cuda.HalfTensor) and weight type (torch.cuda.FloatTensor) should be the same
# pattern: partial-dtype-cast
# shape: batch-dict, loader-loop, helper
# bug-lines: 49, 65
# needs: torch, torchvision, diffusers, transformers, pillow
# cpu: no written where torch was not installed; not run
"""DreamBooth fine-tune: frozen VAE in fp16 to save memory, UNet and text encoder trained in fp32."""
import argparse
import glob

import torch
import torch.nn.functional as F
import torchvision.transforms as T
from diffusers import AutoencoderKL, DDPMScheduler, UNet2DConditionModel
from PIL import Image
from transformers import CLIPTextModel, CLIPTokenizer


def build_dataloader(base, data_dir, prompt, batch_size, size=512):
    tokenizer = CLIPTokenizer.from_pretrained(base, subfolder="tokenizer")
    ids = tokenizer(prompt, padding="max_length", max_length=tokenizer.model_max_length,
                    truncation=True, return_tensors="pt").input_ids[0]
    tf = T.Compose([T.Resize(size), T.CenterCrop(size), T.ToTensor(), T.Normalize([0.5], [0.5])])
    items = [{"pixel_values": tf(Image.open(f).convert("RGB")), "input_ids": ids}
             for f in sorted(glob.glob(f"{data_dir}/*"))]
    return torch.utils.data.DataLoader(items, batch_size=batch_size, shuffle=True)


def load_models(base):
    vae = AutoencoderKL.from_pretrained(base, subfolder="vae")
    unet = UNet2DConditionModel.from_pretrained(base, subfolder="unet")
    text_encoder = CLIPTextModel.from_pretrained(base, subfolder="text_encoder")
    scheduler = DDPMScheduler.from_pretrained(base, subfolder="scheduler")
    return vae, unet, text_encoder, scheduler


def encode_latents(vae, pixel_values, weight_dtype):
    with torch.no_grad():
        dist = vae.encode(pixel_values.to(dtype=weight_dtype)).latent_dist
    return dist.sample() * 0.18215


def main(args):
    device = torch.device("cuda")
    weight_dtype = torch.float16 if args.mixed_precision == "fp16" else torch.float32
    vae, unet, text_encoder, scheduler = load_models(args.pretrained_model_name_or_path)
    vae.requires_grad_(False)  # frozen: keep it in half precision
    vae.to(device, dtype=weight_dtype)
    unet.to(device)
    text_encoder.to(device)
    optimizer = torch.optim.AdamW(list(unet.parameters()) + list(text_encoder.parameters()), lr=2e-6)

    loader = build_dataloader(args.pretrained_model_name_or_path, args.instance_data_dir,
                              args.instance_prompt, batch_size=1)
    for epoch in range(args.epochs):
        for batch in loader:
            pixel_values = batch["pixel_values"].to(device, non_blocking=True)
            input_ids = batch["input_ids"].to(device, non_blocking=True)
            latents = encode_latents(vae, pixel_values, weight_dtype)
            noise = torch.randn_like(latents)
            timesteps = torch.randint(0, scheduler.config.num_train_timesteps, (latents.shape[0],), device=device)
            noisy_latents = scheduler.add_noise(latents, noise, timesteps)
            encoder_hidden_states = text_encoder(input_ids)[0]
            noise_pred = unet(noisy_latents, timesteps, encoder_hidden_states).sample
            loss = F.mse_loss(noise_pred.float(), noise.float(), reduction="mean")
            loss.backward()
            optimizer.step()
            optimizer.zero_grad(set_to_none=True)
        print(f"epoch {epoch} loss {loss.item():.4f}")


if __name__ == "__main__":
    p = argparse.ArgumentParser()
    p.add_argument("--pretrained_model_name_or_path", required=True)
    p.add_argument("--instance_data_dir", required=True)
    p.add_argument("--instance_prompt", default="a photo of sks person")
    p.add_argument("--mixed_precision", default="fp16", choices=["no", "fp16"])
    p.add_argument("--epochs", type=int, default=10)
    main(p.parse_args())

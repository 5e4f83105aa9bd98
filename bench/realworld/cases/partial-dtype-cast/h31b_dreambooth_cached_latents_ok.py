# source: https://github.com/ShivamShrirao/diffusers/issues/123
# error: RuntimeError: expected scalar type Half but found Float
# pattern: partial-dtype-cast
# shape: helper, loader-loop, batch-dict
# looks-like: partial-dtype-cast
# needs: torch, torchvision, diffusers, transformers, pillow
# cpu: no written where torch was not installed; not run
"""DreamBooth with cached latents: frozen VAE and text encoder in fp16, trainable UNet kept in fp32."""
import argparse
import glob

import torch
import torch.nn.functional as F
import torchvision.transforms as T
from diffusers import AutoencoderKL, DDPMScheduler, UNet2DConditionModel
from PIL import Image
from transformers import CLIPTextModel, CLIPTokenizer


def make_loader(base, data_dir, prompt="a photo of sks dog"):
    tok = CLIPTokenizer.from_pretrained(base, subfolder="tokenizer")
    ids = tok(prompt, padding="max_length", max_length=77, return_tensors="pt").input_ids[0]
    tf = T.Compose([T.Resize(512), T.CenterCrop(512), T.ToTensor(), T.Normalize([0.5], [0.5])])
    items = [{"pixel_values": tf(Image.open(f).convert("RGB")), "input_ids": ids} for f in glob.glob(f"{data_dir}/*")]
    return torch.utils.data.DataLoader(items, batch_size=1, shuffle=True)


@torch.no_grad()
def cache_latents(vae, text_encoder, loader, device, weight_dtype):
    cached = []
    for batch in loader:
        pixels = batch["pixel_values"].to(device, dtype=weight_dtype)
        latents = vae.encode(pixels).latent_dist.sample() * 0.18215
        hidden = text_encoder(batch["input_ids"].to(device))[0]
        cached.append({"latents": latents, "encoder_hidden_states": hidden})
    return cached


def train(args, loader):
    device = torch.device("cuda")
    weight_dtype = torch.float16 if args.mixed_precision == "fp16" else torch.float32
    base = args.pretrained_model_name_or_path
    vae = AutoencoderKL.from_pretrained(base, subfolder="vae").to(device, dtype=weight_dtype)
    text_encoder = CLIPTextModel.from_pretrained(base, subfolder="text_encoder").to(device, dtype=weight_dtype)
    unet = UNet2DConditionModel.from_pretrained(base, subfolder="unet").to(device)
    scheduler = DDPMScheduler.from_pretrained(base, subfolder="scheduler")
    optimizer = torch.optim.AdamW(unet.parameters(), lr=args.learning_rate)

    cached = cache_latents(vae, text_encoder, loader, device, weight_dtype)
    del vae, text_encoder
    for step in range(args.max_train_steps):
        batch = cached[step % len(cached)]
        latents = batch["latents"].to(dtype=unet.dtype)
        hidden = batch["encoder_hidden_states"].to(dtype=unet.dtype)
        noise = torch.randn_like(latents)
        timesteps = torch.randint(0, scheduler.config.num_train_timesteps, (latents.shape[0],), device=device)
        noisy_latents = scheduler.add_noise(latents, noise, timesteps)
        noise_pred = unet(noisy_latents, timesteps, hidden).sample
        loss = F.mse_loss(noise_pred, noise)
        loss.backward()
        optimizer.step()
        optimizer.zero_grad(set_to_none=True)
    return unet


if __name__ == "__main__":
    p = argparse.ArgumentParser()
    p.add_argument("--pretrained_model_name_or_path", required=True)
    p.add_argument("--instance_data_dir", required=True)
    p.add_argument("--mixed_precision", default="fp16")
    p.add_argument("--learning_rate", type=float, default=5e-6)
    p.add_argument("--max_train_steps", type=int, default=800)
    args = p.parse_args()
    train(args, make_loader(args.pretrained_model_name_or_path, args.instance_data_dir))

# source: https://github.com/harubaru/waifu-diffusion/pull/47
# error: RuntimeError: Expected all tensors to be on the same device, but found at least two devices, cuda:0 and cpu!
# pattern: optimizer-state-before-placement
# shape: helper, loader-loop, batch-dict
# bug-lines: 64, 67
# needs: torch, torchvision, diffusers, transformers, pillow
# cpu: no written where torch was not installed; not run
import argparse

import torch
import torch.nn.functional as F
from diffusers import AutoencoderKL, DDPMScheduler, UNet2DConditionModel
from PIL import Image
from torch.utils.data import DataLoader, Dataset
from torchvision import transforms
from transformers import CLIPTextModel, CLIPTokenizer


class CaptionedImages(Dataset):
    def __init__(self, root, tokenizer, size=512):
        self.items = [line.rstrip("\n").split("\t") for line in open(f"{root}/captions.tsv")]
        self.root, self.tokenizer = root, tokenizer
        self.tf = transforms.Compose([transforms.Resize(size), transforms.CenterCrop(size),
                                      transforms.ToTensor(), transforms.Normalize([0.5], [0.5])])

    def __len__(self):
        return len(self.items)

    def __getitem__(self, i):
        path, caption = self.items[i]
        ids = self.tokenizer(caption, padding="max_length", truncation=True, max_length=77, return_tensors="pt")
        return {"pixel_values": self.tf(Image.open(f"{self.root}/{path}").convert("RGB")),
                "input_ids": ids.input_ids[0]}


def build_optimizer(args, params):
    if args.optimizer == "adagrad":
        return torch.optim.Adagrad(params, lr=args.lr, weight_decay=1e-2)
    return torch.optim.AdamW(params, lr=args.lr, betas=(0.9, 0.999), weight_decay=1e-2)


def encode_batch(batch, vae, text_encoder, device):
    latents = vae.encode(batch["pixel_values"].to(device)).latent_dist.sample() * 0.18215
    hidden = text_encoder(batch["input_ids"].to(device))[0]
    return latents, hidden


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--model", default="CompVis/stable-diffusion-v1-4")
    parser.add_argument("--dataset", default="./danbooru-aesthetic")
    parser.add_argument("--optimizer", default="adagrad", choices=["adagrad", "adamw"])
    parser.add_argument("--lr", type=float, default=5e-6)
    args = parser.parse_args()
    device = torch.device("cuda")

    tokenizer = CLIPTokenizer.from_pretrained(args.model, subfolder="tokenizer")
    text_encoder = CLIPTextModel.from_pretrained(args.model, subfolder="text_encoder")
    vae = AutoencoderKL.from_pretrained(args.model, subfolder="vae")
    unet = UNet2DConditionModel.from_pretrained(args.model, subfolder="unet")
    scheduler = DDPMScheduler.from_pretrained(args.model, subfolder="scheduler")
    vae.requires_grad_(False)
    text_encoder.requires_grad_(False)
    optimizer = build_optimizer(args, unet.parameters())
    vae = vae.to(device)
    text_encoder = text_encoder.to(device)
    unet = unet.to(device)
    unet.train()

    loader = DataLoader(CaptionedImages(args.dataset, tokenizer), batch_size=2, shuffle=True)
    for epoch in range(10):
        for step, batch in enumerate(loader):
            with torch.no_grad():
                latents, encoder_hidden_states = encode_batch(batch, vae, text_encoder, device)
            noise = torch.randn_like(latents)
            timesteps = torch.randint(0, scheduler.config.num_train_timesteps, (latents.shape[0],), device=device)
            noisy_latents = scheduler.add_noise(latents, noise, timesteps)
            noise_pred = unet(noisy_latents, timesteps, encoder_hidden_states).sample
            loss = F.mse_loss(noise_pred.float(), noise.float(), reduction="mean")
            loss.backward()
            optimizer.step()
            optimizer.zero_grad(set_to_none=True)
        print(f"epoch {epoch} loss {loss.item():.5f}")


if __name__ == "__main__":
    main()

# source: https://github.com/alvinliu0/HumanGaussian/issues/25
# error: RuntimeError: Input type (torch.cuda.HalfTensor) and weight type (torch.HalfTensor) should be the same
# pattern: module-cast-not-placed
# shape: helper, loader-loop, batch-dict
# looks-like: module-cast-not-placed
# cpu: clean
# needs: torch
import argparse

import torch
import torch.nn as nn
from torch.utils.data import DataLoader, Dataset


class ImageAutoencoder(nn.Module):
    def __init__(self, latent_channels=4):
        super().__init__()
        self.encoder = nn.Sequential(nn.Conv2d(3, 32, 3, stride=2, padding=1), nn.SiLU(), nn.Conv2d(32, latent_channels, 1))
        self.scaling_factor = 0.18215

    def encode(self, pixel_values):
        return self.encoder(pixel_values) * self.scaling_factor


class CaptionedImages(Dataset):
    def __len__(self):
        return 16

    def __getitem__(self, idx):
        return {"pixel_values": torch.rand(3, 64, 64) * 2 - 1, "input_ids": torch.randint(0, 100, (8,))}


def load_vae(device, weight_dtype):
    vae = ImageAutoencoder()
    vae.requires_grad_(False)
    vae.to(device, dtype=weight_dtype)
    return vae.eval()


def main(args):
    device = torch.device("cuda" if torch.cuda.is_available() else "cpu")
    weight_dtype = torch.float32
    if args.mixed_precision == "fp16" and device.type == "cuda":
        weight_dtype = torch.float16
    elif args.mixed_precision == "bf16":
        weight_dtype = torch.bfloat16
    vae = load_vae(device, weight_dtype)
    loader = DataLoader(CaptionedImages(), batch_size=args.train_batch_size)
    cached = []
    with torch.no_grad():
        for batch in loader:
            pixel_values = batch["pixel_values"].to(device=device, dtype=weight_dtype)
            latents = vae.encode(pixel_values)
            cached.append({"latents": latents.cpu(), "input_ids": batch["input_ids"]})
    print(len(cached), cached[0]["latents"].shape, cached[0]["latents"].dtype)


if __name__ == "__main__":
    parser = argparse.ArgumentParser()
    parser.add_argument("--mixed_precision", default="fp16", choices=["no", "fp16", "bf16"])
    parser.add_argument("--train_batch_size", type=int, default=4)
    main(parser.parse_args())

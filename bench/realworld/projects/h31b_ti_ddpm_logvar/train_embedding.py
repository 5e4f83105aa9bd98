# source: https://github.com/TheLastBen/fast-stable-diffusion/issues/1080
# error: RuntimeError: indices should be either on cpu or on the same device as the indexed tensor (cpu)
# pattern: tensor-attribute-not-buffer
# shape: multi-file, loader-loop, batch-dict
# needs: torch, torchvision, diffusers, transformers, pillow
# cpu: no written where torch was not installed; not run
"""Train a textual-inversion embedding against the LDM loss (webui-style train_embedding)."""
import argparse
import glob
import random

import torch
import torchvision.transforms as T
from diffusers import AutoencoderKL, UNet2DConditionModel
from PIL import Image

from ddpm import LatentDiffusion
from embedding_manager import EmbeddingConditioner

TEMPLATES = ["a painting in the style of {}", "a rendering in the style of {}", "a picture in the style of {}"]


class UNetWrapper(torch.nn.Module):
    def __init__(self, unet):
        super().__init__()
        self.unet = unet

    def forward(self, x, t, cond):
        return self.unet(x, t, encoder_hidden_states=cond).sample


def load_dataset(data_root, size):
    tf = T.Compose([T.Resize(size), T.CenterCrop(size), T.ToTensor(), T.Normalize([0.5], [0.5])])
    return [{"image": tf(Image.open(p).convert("RGB"))} for p in sorted(glob.glob(f"{data_root}/*"))]


def train_embedding(args):
    device = torch.device("cuda")
    unet = UNetWrapper(UNet2DConditionModel.from_pretrained(args.base, subfolder="unet"))
    vae = AutoencoderKL.from_pretrained(args.base, subfolder="vae")
    cond_stage = EmbeddingConditioner(args.base, placeholder=args.placeholder)
    sd_model = LatentDiffusion(unet, vae, cond_stage)
    sd_model.requires_grad_(False)
    cond_stage.string_to_param.requires_grad_(True)
    sd_model.to(device)
    optimizer = torch.optim.AdamW(cond_stage.embedding_parameters(), lr=args.learn_rate)

    dataset = load_dataset(args.data_root, args.size)
    for step in range(args.steps):
        entries = random.sample(dataset, k=min(args.batch_size, len(dataset)))
        x = sd_model.encode_first_stage(torch.stack([e["image"] for e in entries]).to(device))
        prompts = [random.choice(TEMPLATES).format(args.placeholder) for _ in entries]
        c = sd_model.get_learned_conditioning(prompts)
        loss = sd_model(x, c)
        optimizer.zero_grad()
        loss.backward()
        optimizer.step()
        if step % 50 == 0:
            print(f"[step {step}] loss: {loss.item():.5f}")
    torch.save({args.placeholder: cond_stage.string_to_param.detach().cpu()}, args.out)


if __name__ == "__main__":
    parser = argparse.ArgumentParser()
    parser.add_argument("--base", default="runwayml/stable-diffusion-v1-5")
    parser.add_argument("--data_root", required=True)
    parser.add_argument("--placeholder", default="*")
    parser.add_argument("--size", type=int, default=512)
    parser.add_argument("--batch_size", type=int, default=1)
    parser.add_argument("--steps", type=int, default=3000)
    parser.add_argument("--learn_rate", type=float, default=5e-3)
    parser.add_argument("--out", default="embedding.pt")
    train_embedding(parser.parse_args())

# source: https://github.com/LoganBooker/prodigy-plus-schedule-free/issues/11
# error: RuntimeError: Expected all tensors to be on the same device, but found at least two devices, cuda:0 and cpu!
# pattern: optimizer-state-before-placement
# shape: multi-file, helper, loader-loop
# bug-lines: 33, 34
# needs: torch, diffusers
# cpu: no written where torch was not installed; not run

import argparse

import torch
import torch.nn.functional as F
from diffusers import DDPMScheduler, UNet2DConditionModel
from torch.utils.data import DataLoader

from lora_network import LoRANetwork
from train_util import load_train_state, save_train_state


def main(args):
    device = torch.device("cuda")
    unet = UNet2DConditionModel.from_pretrained(args.base, subfolder="unet", torch_dtype=torch.float16)
    unet.requires_grad_(False)
    unet.to(device)
    noise_scheduler = DDPMScheduler.from_pretrained(args.base, subfolder="scheduler")

    network = LoRANetwork(unet, rank=args.rank, alpha=args.rank)
    network.apply_to()
    optimizer = torch.optim.AdamW(network.parameters(), lr=args.lr, weight_decay=1e-2)

    global_step = 0
    if args.resume:
        global_step = load_train_state(args.resume, network, optimizer)
    network.to(device)
    network.train()

    cached = torch.load(args.latent_cache, map_location="cpu")
    loader = DataLoader(cached, batch_size=args.batch_size, shuffle=True)
    for latents, text_embeds in loader:
        latents, text_embeds = latents.to(device), text_embeds.to(device)
        noise = torch.randn_like(latents)
        t = torch.randint(0, noise_scheduler.config.num_train_timesteps, (latents.shape[0],), device=device)
        noisy = noise_scheduler.add_noise(latents, noise, t)
        with torch.autocast("cuda", dtype=torch.float16):
            pred = unet(noisy, t, encoder_hidden_states=text_embeds).sample
        loss = F.mse_loss(pred.float(), noise.float())
        loss.backward()
        optimizer.step()
        optimizer.zero_grad(set_to_none=True)
        global_step += 1
        if global_step % args.save_every == 0:
            save_train_state(args.output_dir, network, optimizer, global_step)


if __name__ == "__main__":
    p = argparse.ArgumentParser()
    p.add_argument("--base", default="runwayml/stable-diffusion-v1-5")
    p.add_argument("--latent_cache", default="latents.pt")
    p.add_argument("--resume", default=None)
    p.add_argument("--output_dir", default="out")
    p.add_argument("--rank", type=int, default=16)
    p.add_argument("--lr", type=float, default=1e-4)
    p.add_argument("--batch_size", type=int, default=4)
    p.add_argument("--save_every", type=int, default=500)
    main(p.parse_args())

# source: https://github.com/UselessToys/Ecosystem_WebUI/pull/361
# error: RuntimeError: Expected all tensors to be on the same device, but found at least two devices, cuda:0 and cpu!
# pattern: module-in-plain-container
# shape: multi-file, class, loader-loop, batch-dict
# looks-like: module-in-plain-container
# needs: torch, diffusers
# cpu: no written where torch was not installed; not run
import torch
import torch.nn.functional as F
from diffusers import DDPMScheduler, UNet2DConditionModel
from torch.utils.data import DataLoader, TensorDataset

from lora import LoRANetwork


def collate(samples):
    latents, text_embeds = zip(*samples)
    return {"latents": torch.stack(latents), "text_embeds": torch.stack(text_embeds)}


def main(pretrained, dataset, device="cuda", max_steps=1000):
    unet = UNet2DConditionModel.from_pretrained(pretrained, subfolder="unet")
    unet.requires_grad_(False)
    scheduler = DDPMScheduler.from_pretrained(pretrained, subfolder="scheduler")
    network = LoRANetwork(unet, rank=8, alpha=8)
    network.apply_to()
    unet.to(device)
    network.to(device)
    optimizer = torch.optim.AdamW(network.trainable_params(), lr=1e-4)
    loader = DataLoader(dataset, batch_size=4, shuffle=True, collate_fn=collate)
    step = 0
    while step < max_steps:
        for batch in loader:
            latents = batch["latents"].to(device)
            text_embeds = batch["text_embeds"].to(device)
            noise = torch.randn_like(latents)
            t = torch.randint(0, scheduler.config.num_train_timesteps, (latents.size(0),), device=device)
            noisy = scheduler.add_noise(latents, noise, t)
            pred = unet(noisy, t, encoder_hidden_states=text_embeds).sample
            loss = F.mse_loss(pred.float(), noise.float())
            optimizer.zero_grad()
            loss.backward()
            optimizer.step()
            step += 1
            if step >= max_steps:
                break
    return network


if __name__ == "__main__":
    data = TensorDataset(torch.randn(32, 4, 64, 64), torch.randn(32, 77, 768))
    main("runwayml/stable-diffusion-v1-5", data, max_steps=20)

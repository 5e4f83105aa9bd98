# source: https://github.com/finegrain-ai/refiners/pull/15
# error: RuntimeError: Expected all tensors to be on the same device, but found at least two devices, cuda:0 and cpu!
# pattern: adapter-after-placement
# shape: helper, class
# bug-lines: 36, 37, 64
# needs: torch, diffusers, safetensors
# cpu: no written where torch was not installed; not run
"""Attach a style LoRA to the attention projections of a Stable Diffusion UNet and sample."""
import torch
import torch.nn as nn
from diffusers import DDIMScheduler, UNet2DConditionModel
from diffusers.models.attention_processor import Attention
from safetensors.torch import load_file


class LoraAdapter(nn.Module):
    def __init__(self, target: nn.Linear, rank: int = 16, scale: float = 1.0):
        super().__init__()
        self.target = target
        self.scale = scale
        self.down = nn.Linear(target.in_features, rank, bias=False)
        self.up = nn.Linear(rank, target.out_features, bias=False)
        nn.init.normal_(self.down.weight, std=1.0 / rank)
        nn.init.zeros_(self.up.weight)

    def forward(self, x):
        return self.target(x) + self.scale * self.up(self.down(x))


def inject_lora(unet: UNet2DConditionModel, rank: int, scale: float):
    adapters = {}
    for name, module in unet.named_modules():
        if not isinstance(module, Attention):
            continue
        for proj in ("to_q", "to_k", "to_v"):
            adapter = LoraAdapter(getattr(module, proj), rank=rank, scale=scale)
            setattr(module, proj, adapter)
            adapters[f"{name}.{proj}"] = adapter
    return adapters


def load_lora_weights(adapters, path):
    state = load_file(path)
    for key, adapter in adapters.items():
        adapter.down.weight.data.copy_(state[f"{key}.lora_down.weight"])
        adapter.up.weight.data.copy_(state[f"{key}.lora_up.weight"])


@torch.no_grad()
def sample(unet, scheduler, text_emb, steps=30, size=64, device="cuda"):
    latents = torch.randn(text_emb.shape[0], 4, size, size, device=device)
    scheduler.set_timesteps(steps, device=device)
    for t in scheduler.timesteps:
        noise_pred = unet(latents, t, encoder_hidden_states=text_emb).sample
        latents = scheduler.step(noise_pred, t, latents).prev_sample
    return latents


if __name__ == "__main__":
    device = "cuda"
    repo = "runwayml/stable-diffusion-v1-5"
    unet = UNet2DConditionModel.from_pretrained(repo, subfolder="unet").to(device)
    scheduler = DDIMScheduler.from_pretrained(repo, subfolder="scheduler")
    adapters = inject_lora(unet, rank=16, scale=0.8)
    load_lora_weights(adapters, "watercolor_style_lora.safetensors")
    prompt_embeds = torch.load("prompt_embeds.pt", map_location=device)
    latents = sample(unet, scheduler, prompt_embeds, device=device)
    torch.save(latents.cpu(), "latents.pt")

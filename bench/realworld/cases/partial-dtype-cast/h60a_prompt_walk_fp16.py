# source: https://github.com/nateraw/stable-diffusion-videos/issues/150
# error: RuntimeError: Input type (c10::Half) and bias type (float) should be the same
# pattern: partial-dtype-cast
# shape: class, helper
# bug-lines: 21, 39, 60
# needs: torch, numpy, diffusers, transformers, imageio
# cpu: no written where torch was not installed; not run
"""Latent-walk music video: interpolate prompts and seeds, denoise and decode every frame."""
import argparse

import numpy as np
import torch
from diffusers import AutoencoderKL, DDIMScheduler, UNet2DConditionModel
from transformers import CLIPTextModel, CLIPTokenizer


def cast_weights_fp16(module):
    # keep 1-D params (biases, norm scales) in fp32 for numerical stability
    for p in module.parameters():
        if p.dim() > 1:
            p.data = p.data.half()
    return module


def slerp(t, v0, v1, dot_threshold=0.9995):
    dot = torch.sum(v0 * v1) / (v0.norm() * v1.norm())
    if dot.abs() > dot_threshold:
        return (1 - t) * v0 + t * v1
    theta = torch.acos(dot)
    return (torch.sin((1 - t) * theta) * v0 + torch.sin(t * theta) * v1) / torch.sin(theta)


class PromptWalker:
    def __init__(self, repo, device="cuda"):
        self.device = device
        self.tokenizer = CLIPTokenizer.from_pretrained(repo, subfolder="tokenizer")
        self.text_encoder = CLIPTextModel.from_pretrained(repo, subfolder="text_encoder", torch_dtype=torch.float16).to(device)
        self.unet = UNet2DConditionModel.from_pretrained(repo, subfolder="unet", torch_dtype=torch.float16).to(device)
        self.vae = cast_weights_fp16(AutoencoderKL.from_pretrained(repo, subfolder="vae")).to(device)
        self.scheduler = DDIMScheduler.from_pretrained(repo, subfolder="scheduler")

    @torch.no_grad()
    def embed(self, prompt):
        ids = self.tokenizer(prompt, padding="max_length", max_length=77, truncation=True, return_tensors="pt").input_ids
        return self.text_encoder(ids.to(self.device))[0]

    def init_noise(self, seed):
        g = torch.Generator().manual_seed(seed)
        return torch.randn((1, 4, 64, 64), generator=g).to(self.device, torch.float16)

    @torch.no_grad()
    def render_frame(self, latents, cond, uncond, steps=30, guidance=7.5):
        self.scheduler.set_timesteps(steps, device=self.device)
        latents = latents * self.scheduler.init_noise_sigma
        emb = torch.cat([uncond, cond])
        for t in self.scheduler.timesteps:
            noise = self.unet(torch.cat([latents] * 2), t, encoder_hidden_states=emb).sample
            n_uncond, n_cond = noise.chunk(2)
            latents = self.scheduler.step(n_uncond + guidance * (n_cond - n_uncond), t, latents).prev_sample
        image = self.vae.decode(latents / self.vae.config.scaling_factor).sample
        return ((image[0].float().clamp(-1, 1) + 1) * 127.5).permute(1, 2, 0).round().byte().cpu().numpy()

    def walk(self, prompts, seeds, num_interpolation_steps=30):
        uncond, frames = self.embed(""), []
        for i in range(len(prompts) - 1):
            e0, e1 = self.embed(prompts[i]), self.embed(prompts[i + 1])
            n0, n1 = self.init_noise(seeds[i]), self.init_noise(seeds[i + 1])
            for t in np.linspace(0.0, 1.0, num_interpolation_steps):
                frames.append(self.render_frame(slerp(float(t), n0, n1), torch.lerp(e0, e1, float(t)), uncond))
        return frames


if __name__ == "__main__":
    import imageio.v3 as iio
    parser = argparse.ArgumentParser()
    parser.add_argument("--repo", default="runwayml/stable-diffusion-v1-5")
    frames = PromptWalker(parser.parse_args().repo).walk(
        ["a lighthouse at dawn, oil painting", "a lighthouse in a storm at night, oil painting"],
        seeds=[1326004, 5019608], num_interpolation_steps=24)
    iio.imwrite("walk.mp4", np.stack(frames), fps=12)

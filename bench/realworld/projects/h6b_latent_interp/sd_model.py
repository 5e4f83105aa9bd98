# source: https://github.com/alen-smajic/Stable-Diffusion-Latent-Space-Explorer/issues/3
# error: RuntimeError: Input type (double) and bias type (c10::Half) should be the same
# pattern: float64-input
# shape: multi-file, class
# needs: torch, diffusers, transformers
# cpu: no written where torch was not installed; not run
"""Thin wrapper around the Stable Diffusion components used by the experiments."""
import torch
from diffusers import AutoencoderKL, DDIMScheduler, UNet2DConditionModel
from transformers import CLIPTextModel, CLIPTokenizer


class SDModel:
    def __init__(self, repo_id, device="cuda", dtype=torch.float16):
        self.device = device
        self.dtype = dtype
        self.tokenizer = CLIPTokenizer.from_pretrained(repo_id, subfolder="tokenizer")
        self.text_encoder = CLIPTextModel.from_pretrained(
            repo_id, subfolder="text_encoder", torch_dtype=dtype).to(device)
        self.unet = UNet2DConditionModel.from_pretrained(
            repo_id, subfolder="unet", torch_dtype=dtype).to(device)
        self.vae = AutoencoderKL.from_pretrained(
            repo_id, subfolder="vae", torch_dtype=dtype).to(device)
        self.scheduler = DDIMScheduler.from_pretrained(repo_id, subfolder="scheduler")

    @torch.no_grad()
    def encode_prompt(self, prompt):
        tokens = self.tokenizer(prompt, padding="max_length", truncation=True,
                                max_length=self.tokenizer.model_max_length,
                                return_tensors="pt")
        return self.text_encoder(tokens.input_ids.to(self.device))[0]

    def random_latents(self, seed, height=512, width=512):
        gen = torch.Generator(device=self.device).manual_seed(seed)
        shape = (1, self.unet.config.in_channels, height // 8, width // 8)
        return torch.randn(shape, generator=gen, device=self.device, dtype=self.dtype)

    @torch.no_grad()
    def generate(self, prompt_embed, latents, uncond_embed, steps=25, guidance=7.5):
        self.scheduler.set_timesteps(steps, device=self.device)
        latents = latents * self.scheduler.init_noise_sigma
        context = torch.cat([uncond_embed, prompt_embed])
        for t in self.scheduler.timesteps:
            latent_in = self.scheduler.scale_model_input(torch.cat([latents] * 2), t)
            noise = self.unet(latent_in, t, encoder_hidden_states=context).sample
            noise_uncond, noise_text = noise.chunk(2)
            noise = noise_uncond + guidance * (noise_text - noise_uncond)
            latents = self.scheduler.step(noise, t, latents).prev_sample
        image = self.vae.decode(latents / self.vae.config.scaling_factor).sample
        return (image / 2 + 0.5).clamp(0, 1)

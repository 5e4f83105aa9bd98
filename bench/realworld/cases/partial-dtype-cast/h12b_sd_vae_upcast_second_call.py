# source: https://github.com/huggingface/diffusers/issues/4752
# error: RuntimeError: Input type (c10::Half) and bias type (float) should be the same
# pattern: partial-dtype-cast
# shape: class
# bug-lines: 56, 58
# needs: torch, diffusers, transformers
# cpu: no written where torch was not installed; not run

import torch
from diffusers import AutoencoderKL, EulerDiscreteScheduler, UNet2DConditionModel
from transformers import CLIPTextModel, CLIPTokenizer


class Text2ImageRunner:
    def __init__(self, model_id, device="cuda", dtype=torch.float16):
        self.device = device
        self.dtype = dtype
        self.tokenizer = CLIPTokenizer.from_pretrained(model_id, subfolder="tokenizer")
        self.text_encoder = CLIPTextModel.from_pretrained(model_id, subfolder="text_encoder", torch_dtype=dtype).to(device)
        self.unet = UNet2DConditionModel.from_pretrained(model_id, subfolder="unet", torch_dtype=dtype).to(device)
        self.vae = AutoencoderKL.from_pretrained(model_id, subfolder="vae", torch_dtype=dtype).to(device)
        self.scheduler = EulerDiscreteScheduler.from_pretrained(model_id, subfolder="scheduler")

    @torch.no_grad()
    def encode_prompt(self, prompts):
        tokens = self.tokenizer(
            prompts, padding="max_length", max_length=self.tokenizer.model_max_length,
            truncation=True, return_tensors="pt",
        )
        return self.text_encoder(tokens.input_ids.to(self.device))[0]

    @torch.no_grad()
    def denoise(self, cond, uncond, steps, guidance_scale, height, width):
        self.scheduler.set_timesteps(steps, device=self.device)
        shape = (cond.shape[0], self.unet.config.in_channels, height // 8, width // 8)
        latents = torch.randn(shape, device=self.device, dtype=self.dtype) * self.scheduler.init_noise_sigma
        embeds = torch.cat([uncond, cond])
        for t in self.scheduler.timesteps:
            model_in = self.scheduler.scale_model_input(torch.cat([latents] * 2), t)
            noise_uncond, noise_text = self.unet(model_in, t, encoder_hidden_states=embeds).sample.chunk(2)
            noise = noise_uncond + guidance_scale * (noise_text - noise_uncond)
            latents = self.scheduler.step(noise, t, latents).prev_sample
        return latents

    @torch.no_grad()
    def __call__(self, prompt, steps=30, guidance_scale=7.5, height=512, width=512):
        cond = self.encode_prompt([prompt])
        uncond = self.encode_prompt([""])
        latents = self.denoise(cond, uncond, steps, guidance_scale, height, width)
        image = self.decode_latents(latents)
        return ((image / 2 + 0.5).clamp(0, 1) * 255).round().to(torch.uint8).cpu()

    def decode_latents(self, latents):
        needs_upcasting = self.vae.dtype == torch.float16 and self.vae.config.force_upcast
        if needs_upcasting:
            self.vae.to(dtype=torch.float32)
            latents = latents.to(torch.float32)
        return self.vae.decode(latents / self.vae.config.scaling_factor).sample


if __name__ == "__main__":
    runner = Text2ImageRunner("stable-diffusion-v1-5/stable-diffusion-v1-5")
    first = runner("An astronaut riding a green horse")
    second = runner("A lighthouse at dusk, oil painting")

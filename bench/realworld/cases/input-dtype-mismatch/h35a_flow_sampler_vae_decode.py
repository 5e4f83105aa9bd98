# source: https://github.com/deepbeepmeep/Wan2GP/pull/2095
# error: RuntimeError: Input type (struct c10::BFloat16) and bias type (struct c10::Half) should be the same
# pattern: input-dtype-mismatch
# shape: class
# bug-lines: 45, 47
# needs: torch, diffusers
# cpu: no written where torch was not installed; not run
"""Flow-matching sampler: bf16 transformer for denoising, fp16 VAE for decoding (saves VRAM)."""
import torch
from diffusers import AutoencoderKL, FlowMatchEulerDiscreteScheduler, SD3Transformer2DModel

REPO = "stabilityai/stable-diffusion-3.5-medium"


class FlowSampler:
    def __init__(self, device, dtype=torch.bfloat16, vae_precision="16"):
        self.device = device
        self.dtype = dtype
        vae_dtype = torch.float16 if vae_precision == "16" else torch.float32
        self.transformer = SD3Transformer2DModel.from_pretrained(
            REPO, subfolder="transformer", torch_dtype=dtype).to(device)
        self.vae = AutoencoderKL.from_pretrained(REPO, subfolder="vae", torch_dtype=vae_dtype).to(device)
        self.scheduler = FlowMatchEulerDiscreteScheduler.from_pretrained(REPO, subfolder="scheduler")

    def prepare_latents(self, height, width, generator):
        shape = (1, self.transformer.config.in_channels, height // 8, width // 8)
        return torch.randn(shape, generator=generator, device=self.device, dtype=torch.float32)

    @torch.no_grad()
    def __call__(self, prompt_embeds, pooled_embeds, height=1024, width=1024, steps=28, seed=0):
        generator = torch.Generator(device=self.device).manual_seed(seed)
        latents = self.prepare_latents(height, width, generator)
        self.scheduler.set_timesteps(steps, device=self.device)
        prompt_embeds = prompt_embeds.to(self.device, self.dtype)
        pooled_embeds = pooled_embeds.to(self.device, self.dtype)
        for t in self.scheduler.timesteps:
            noise_pred = self.transformer(
                hidden_states=latents.to(self.dtype),
                timestep=t.expand(latents.shape[0]),
                encoder_hidden_states=prompt_embeds,
                pooled_projections=pooled_embeds,
            ).sample
            latents = self.scheduler.step(noise_pred.float(), t, latents).prev_sample

        latents = latents.to(self.dtype)
        latents = latents / self.vae.config.scaling_factor + self.vae.config.shift_factor
        image = self.vae.decode(latents, return_dict=False)[0]
        return (image / 2 + 0.5).clamp(0, 1)


if __name__ == "__main__":
    device = torch.device("cuda" if torch.cuda.is_available() else "cpu")
    sampler = FlowSampler(device, vae_precision="16" if device.type == "cuda" else "32")
    embeds = torch.load("prompt_cache/lighthouse.pt", map_location=device)
    image = sampler(embeds["prompt_embeds"], embeds["pooled_prompt_embeds"], steps=28, seed=42)
    torch.save(image.float().cpu(), "lighthouse.pt")

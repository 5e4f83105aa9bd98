# source: https://github.com/kijai/ComfyUI-CogVideoXWrapper/issues/371
# error: RuntimeError: indices should be either on cpu or on the same device as the indexed tensor (cpu)
# pattern: cache-builder-cpu-default
# shape: helper, class
# looks-like: cache-builder-cpu-default
# needs: torch
# cpu: no written where torch was not installed; not run
"""Hand-written DDIM loop for an image-to-video transformer, with a precomputed alpha table."""
import torch


def build_alpha_table(num_train_timesteps=1000, beta_start=0.00085, beta_end=0.012, device=None):
    betas = torch.linspace(beta_start ** 0.5, beta_end ** 0.5, num_train_timesteps, device=device) ** 2
    alphas_cumprod = torch.cumprod(1.0 - betas, dim=0)
    return alphas_cumprod, torch.tensor(1.0, device=device)


class VideoDDIMSampler:
    def __init__(self, transformer, steps=25, eta=0.0):
        self.transformer = transformer
        self.steps = steps
        self.eta = eta
        self.device = next(transformer.parameters()).device
        self.alphas_cumprod, self.final_alpha = build_alpha_table(device=self.device)

    def timesteps(self):
        stride = self.alphas_cumprod.shape[0] // self.steps
        return torch.arange(0, self.alphas_cumprod.shape[0], stride, device=self.device).flip(0)

    def step(self, eps, t, prev_t, latents):
        alpha_t = self.alphas_cumprod[t]
        alpha_prev = self.alphas_cumprod[prev_t] if prev_t >= 0 else self.final_alpha
        x0 = (latents - (1 - alpha_t).sqrt() * eps) / alpha_t.sqrt()
        sigma = self.eta * ((1 - alpha_prev) / (1 - alpha_t) * (1 - alpha_t / alpha_prev)).sqrt()
        direction = (1 - alpha_prev - sigma ** 2).sqrt() * eps
        noise = sigma * torch.randn_like(latents) if self.eta > 0 else 0.0
        return alpha_prev.sqrt() * x0 + direction + noise

    @torch.no_grad()
    def __call__(self, image_latents, prompt_embeds, num_frames=13):
        b, c, h, w = image_latents.shape
        latents = torch.randn(b, num_frames, c, h, w, device=self.device, dtype=image_latents.dtype)
        cond = image_latents.unsqueeze(1).expand(-1, num_frames, -1, -1, -1)
        ts = self.timesteps()
        for i, t in enumerate(ts):
            prev_t = ts[i + 1] if i + 1 < len(ts) else torch.tensor(-1, device=self.device)
            model_in = torch.cat([latents, cond], dim=2)
            eps = self.transformer(model_in, encoder_hidden_states=prompt_embeds,
                                   timestep=t.expand(b)).sample
            latents = self.step(eps.float(), t, prev_t, latents.float()).to(image_latents.dtype)
        return latents


if __name__ == "__main__":
    from diffusers import CogVideoXTransformer3DModel

    device = torch.device("cuda" if torch.cuda.is_available() else "cpu")
    dtype = torch.bfloat16 if device.type == "cuda" else torch.float32
    transformer = CogVideoXTransformer3DModel.from_pretrained(
        "THUDM/CogVideoX-5b-I2V", subfolder="transformer", torch_dtype=dtype).to(device)
    cached = torch.load("i2v_inputs/harbor.pt", map_location=device)
    video_latents = VideoDDIMSampler(transformer, steps=25)(cached["image_latents"].to(dtype), cached["prompt_embeds"].to(dtype))
    torch.save(video_latents.float().cpu(), "harbor_latents.pt")

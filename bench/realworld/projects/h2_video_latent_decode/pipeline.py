# source: https://github.com/huggingface/diffusers/pull/11533
# error: RuntimeError: Input type (c10::Half) and bias type (float) should be the same
# pattern: input-dtype-mismatch
# shape: multi-file, class
# bug-lines: 37
# needs: torch
# cpu: no imported by the project's script

import torch


class VideoPipeline:
    def __init__(self, transformer, vae, num_inference_steps=4):
        self.transformer = transformer
        self.vae = vae
        self.num_inference_steps = num_inference_steps

    @property
    def _execution_device(self):
        return self.transformer.device

    def prepare_latents(self, batch_size, num_frames, height, width, generator=None):
        shape = (batch_size, self.transformer.in_channels, num_frames, height, width)
        latents = torch.randn(shape, generator=generator)
        return latents.to(device=self._execution_device, dtype=self.transformer.dtype)

    def denoise(self, latents):
        steps = self.num_inference_steps
        for i in range(steps):
            t = torch.full((latents.shape[0],), 1.0 - i / steps, device=latents.device)
            noise_pred = self.transformer(latents, t)
            latents = latents - noise_pred / steps
        return latents

    def decode_latents(self, latents):
        latents = latents / self.vae.scaling_factor
        video = self.vae.decode(latents)
        return (video / 2 + 0.5).clamp(0, 1)

    @torch.no_grad()
    def __call__(self, batch_size=1, num_frames=3, height=8, width=8, output_type="pt"):
        latents = self.prepare_latents(batch_size, num_frames, height, width)
        latents = self.denoise(latents)
        if output_type == "latent":
            return latents
        return self.decode_latents(latents)

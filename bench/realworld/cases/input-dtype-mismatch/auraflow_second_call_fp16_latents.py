# source: https://github.com/huggingface/diffusers/pull/14219
# error: RuntimeError: Input type (c10::Half) and bias type (float) should be the same
# pattern: input-dtype-mismatch
# shape: class
# bug-lines: 47, 48
# cpu: raises "Input type (c10::Half) and bias type (float)"
# needs: torch
from types import SimpleNamespace

import torch
import torch.nn as nn


class AutoencoderKL(nn.Module):
    def __init__(self):
        super().__init__()
        self.config = SimpleNamespace(force_upcast=True, scaling_factor=0.13)
        self.post_quant_conv = nn.Conv2d(4, 4, 1)
        self.decoder = nn.ConvTranspose2d(4, 3, 2, stride=2)

    @property
    def dtype(self):
        return self.decoder.weight.dtype

    def decode(self, z):
        return self.decoder(self.post_quant_conv(z))


class AuraFlowPipeline:
    def __init__(self, transformer, vae, device):
        self.transformer = transformer.to(device)
        self.vae = vae.to(device)
        self.device = device

    def upcast_vae(self):
        self.vae.to(dtype=torch.float32)

    @torch.no_grad()
    def __call__(self, steps=2):
        dtype = self.transformer.weight.dtype
        latents = torch.randn(1, 4, 8, 8, device=self.device, dtype=dtype)
        for _ in range(steps):
            latents = latents - 0.1 * self.transformer(latents)
        needs_upcasting = self.vae.dtype == torch.float16 and self.vae.config.force_upcast
        if needs_upcasting:
            self.upcast_vae()
            latents = latents.to(next(iter(self.vae.post_quant_conv.parameters())).dtype)
        image = self.vae.decode(latents / self.vae.config.scaling_factor)
        return image.float().clamp(-1, 1)


if __name__ == "__main__":
    device = "cuda" if torch.cuda.is_available() else "cpu"
    pipe = AuraFlowPipeline(nn.Conv2d(4, 4, 3, padding=1).half(), AutoencoderKL().half(), device)
    for prompt in ["a cat", "a dog"]:
        print(prompt, pipe().shape)

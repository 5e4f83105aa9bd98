# source: https://github.com/huggingface/diffusers/pull/14219
# error: none (correct: latents are cast to the VAE's current dtype at every decode)
# shape: class
# looks-like: input-dtype-mismatch
# cpu: clean
# needs: torch
import torch
import torch.nn as nn


class AutoencoderKL(nn.Module):
    def __init__(self):
        super().__init__()
        self.force_upcast = True
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

    @torch.no_grad()
    def __call__(self, steps=2):
        latents = torch.randn(1, 4, 8, 8, device=self.device, dtype=self.transformer.weight.dtype)
        for _ in range(steps):
            latents = latents - 0.1 * self.transformer(latents)
        if self.vae.dtype == torch.float16 and self.vae.force_upcast:
            self.vae.to(dtype=torch.float32)
        image = self.vae.decode(latents.to(self.vae.dtype))
        return image.float().clamp(-1, 1)


if __name__ == "__main__":
    device = "cuda" if torch.cuda.is_available() else "cpu"
    pipe = AuraFlowPipeline(nn.Conv2d(4, 4, 3, padding=1).half(), AutoencoderKL().half(), device)
    for prompt in ["a cat", "a dog"]:
        print(prompt, pipe().shape)

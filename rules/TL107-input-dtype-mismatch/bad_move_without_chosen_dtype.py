# The sampler chooses one dtype for its parts and its latents; the decoder is moved
# to the device without it, so it stays float32 while the latents it decodes are
# made in the chosen half dtype.
import torch
from diffusers import AutoencoderKL, UNet2DModel


class Sampler:
    def __init__(self, path, device="cuda", dtype=torch.float16):
        self.device, self.dtype = device, dtype
        self.unet = UNet2DModel.from_pretrained(path, subfolder="unet")
        self.decoder = AutoencoderKL.from_pretrained(path, subfolder="vae")
        self.unet.to(self.device, dtype=self.dtype)
        self.decoder.to(self.device)  # expect: TL107:9 lines=12,21,18

    @torch.no_grad()
    def sample(self, steps=10):
        latents = torch.randn(1, 4, 32, 32, device=self.device, dtype=self.dtype)
        for t in range(steps, 0, -1):
            latents = latents - 0.1 * self.unet(latents, t).sample
        return self.decoder.decode(latents).sample


if __name__ == "__main__":
    print(Sampler("my/ldm").sample().shape)

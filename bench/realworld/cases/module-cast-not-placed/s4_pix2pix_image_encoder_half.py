# source: https://github.com/chenfei-wu/TaskMatrix/issues/420
# error: RuntimeError: Input type (torch.cuda.HalfTensor) and weight type (torch.HalfTensor) should be the same
# pattern: module-cast-not-placed
# shape: class
# bug-lines: 33, 37
# cpu: clean
# needs: torch, transformers
import torch
import torch.nn as nn
from transformers import CLIPVisionConfig, CLIPVisionModel


class Denoiser(nn.Module):
    def __init__(self, cond_dim=32):
        super().__init__()
        self.proj = nn.Linear(cond_dim, 4)
        self.conv = nn.Conv2d(4, 4, 3, padding=1)

    def forward(self, latents, cond):
        return self.conv(latents) + self.proj(cond)[:, :, None, None]


class InstructPix2Pix:
    def __init__(self, device):
        print(f"Initializing InstructPix2Pix to {device}")
        self.device = device
        self.torch_dtype = torch.float16 if "cuda" in device else torch.float32
        self.unet = Denoiser().to(device, dtype=self.torch_dtype)
        vcfg = CLIPVisionConfig(hidden_size=32, intermediate_size=64, num_hidden_layers=2,
                                num_attention_heads=4, image_size=32, patch_size=8,
                                projection_dim=32)
        # image conditioning tower, converted to the pipeline precision
        self.image_encoder = CLIPVisionModel(vcfg).to(self.torch_dtype)

    def encode_image(self, image):
        pixel_values = image.to(self.device, dtype=self.torch_dtype)
        return self.image_encoder(pixel_values=pixel_values).pooler_output

    @torch.no_grad()
    def inference(self, image, steps=3):
        latents = torch.randn(image.shape[0], 4, 8, 8, device=self.device, dtype=self.torch_dtype)
        cond = self.encode_image(image)
        for _ in range(steps):
            latents = latents - 0.1 * self.unet(latents, cond)
        return latents


if __name__ == "__main__":
    dev = "cuda:0" if torch.cuda.is_available() else "cpu"
    model = InstructPix2Pix(dev)
    print(model.inference(torch.rand(1, 3, 32, 32)).shape)

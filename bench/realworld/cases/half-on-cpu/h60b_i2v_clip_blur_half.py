# source: https://github.com/modelscope/DiffSynth-Studio/issues/66
# error: RuntimeError: "exp_vml_cpu" not implemented for 'Half'
# pattern: half-on-cpu
# shape: class, helper
# bug-lines: 54, 57, 63, 73
# needs: torch, numpy, PIL
# cpu: no written where torch was not installed; not run
import numpy as np
import torch
import torch.nn as nn
import torch.nn.functional as F
from PIL import Image


def gaussian_1d(ksize, sigma):
    # sigma: (B, 1) tensor, same device/dtype as the frames
    x = torch.arange(ksize, device=sigma.device, dtype=sigma.dtype) - (ksize - 1) / 2
    gauss = torch.exp(-x.pow(2.0) / (2 * sigma.pow(2.0)))
    return gauss / gauss.sum(-1, keepdim=True)


class ClipFrameProcessor:
    """Antialiased resize used before the CLIP image encoder (SVD style)."""

    def __init__(self, size=224):
        self.size = size

    def resize_with_antialiasing(self, frames):
        b, c, h, w = frames.shape
        factor = max(h, w) / self.size
        sigma = torch.full((b, 1), max((factor - 1.0) / 2.0, 0.001),
                           device=frames.device, dtype=frames.dtype)
        ks = int(max(2.0 * 2 * sigma.max().item(), 3)) | 1
        kx = gaussian_1d(ks, sigma)                       # (B, ks)
        weight = kx[:, None, None, :].repeat_interleave(c, 0)
        blurred = F.conv2d(frames.reshape(1, b * c, h, w), weight, padding=(0, ks // 2), groups=b * c)
        blurred = blurred.reshape(b, c, h, w)
        return F.interpolate(blurred, size=(self.size, self.size), mode="bicubic")


class ImageEncoder(nn.Module):
    def __init__(self, dim=1024):
        super().__init__()
        self.patch = nn.Conv2d(3, 256, kernel_size=14, stride=14)
        self.norm = nn.LayerNorm(256)
        self.proj = nn.Linear(256, dim)

    def forward(self, x):
        tokens = self.patch(x).flatten(2).transpose(1, 2)
        return self.proj(self.norm(tokens).mean(1))


class ImageToVideoPipeline:
    def __init__(self, image_encoder, device=None, torch_dtype=torch.float16):
        self.device = device or ("cuda" if torch.cuda.is_available() else "cpu")
        self.torch_dtype = torch_dtype
        self.image_encoder = image_encoder.to(device=self.device, dtype=self.torch_dtype)
        self.processor = ClipFrameProcessor()

    @torch.no_grad()
    def encode_image_with_clip(self, image):
        pixels = torch.from_numpy(np.asarray(image.convert("RGB"))).permute(2, 0, 1)[None]
        pixels = pixels.to(device=self.device, dtype=self.torch_dtype) / 255.0
        pixels = self.processor.resize_with_antialiasing(pixels)
        return self.image_encoder(pixels * 2.0 - 1.0)

    def __call__(self, input_image, num_frames=25):
        image_emb = self.encode_image_with_clip(input_image)
        return image_emb[:, None].expand(-1, num_frames, -1)


if __name__ == "__main__":
    pipe = ImageToVideoPipeline(ImageEncoder(), torch_dtype=torch.float16)
    image = Image.new("RGB", (512, 512), color=(120, 80, 40))
    emb = pipe(input_image=image.resize((512, 512)), num_frames=128)
    print(emb.shape, emb.dtype)

# source: https://github.com/Comfy-Org/ComfyUI/pull/3273
# error: RuntimeError: expected scalar type Byte but found Float
# pattern: integer-input
# shape: class, batch-dict, helper
# looks-like: integer-input
# needs: torch, numpy, pillow
# cpu: no written where torch was not installed; not run
"""Load a painted mask PNG and prepare masked pixels for inpainting (ComfyUI-style nodes)."""
import math

import numpy as np
import torch
import torch.nn.functional as F
from PIL import Image


class LoadMaskPNG:
    def load(self, path, channel="A"):
        img = Image.open(path).convert("RGBA")
        band = np.array(img.getchannel(channel))  # uint8 0..255
        mask = torch.from_numpy(band).float() / 255.0
        if channel == "A":
            mask = 1.0 - mask
        return ({"mask": mask.unsqueeze(0)},)


class InpaintEncoder:
    def __init__(self, vae, grow_mask_by=6):
        self.vae = vae
        self.grow_mask_by = grow_mask_by

    def _grow(self, mask):
        k = self.grow_mask_by
        kernel = torch.ones((1, 1, k, k), device=mask.device, dtype=mask.dtype)
        padding = math.ceil((k - 1) / 2)
        grown = F.conv2d(mask.round(), kernel, padding=padding)
        return torch.clamp(grown, 0, 1)

    def encode(self, pixels, mask_out):
        mask = mask_out["mask"]
        mask = mask.reshape((-1, 1, mask.shape[-2], mask.shape[-1]))
        mask = F.interpolate(mask, size=(pixels.shape[1], pixels.shape[2]), mode="bilinear")
        if self.grow_mask_by > 0:
            mask = self._grow(mask)
        keep = (1.0 - mask.round()).squeeze(1).unsqueeze(-1)
        pixels = (pixels - 0.5) * keep + 0.5
        latent = self.vae.encode(pixels.permute(0, 3, 1, 2))
        return ({"samples": latent, "noise_mask": mask},)


def run_workflow(vae, image, mask_path):
    (mask_out,) = LoadMaskPNG().load(mask_path, channel="A")
    (latent,) = InpaintEncoder(vae, grow_mask_by=6).encode(image, mask_out)
    return latent

# source: https://github.com/metal3d/ComfyUI_Human_Parts/issues/5 https://github.com/Comfy-Org/ComfyUI/issues/3272
# error: RuntimeError: expected scalar type Byte but found Float
# pattern: integer-input
# shape: class, batch-dict, helper
# bug-lines: 29, 44
# needs: torch, numpy
# cpu: no written where torch was not installed; not run
"""Human-parts masking node feeding an inpainting encoder (ComfyUI-style nodes)."""
import math

import numpy as np
import torch
import torch.nn.functional as F

PART_IDS = {"face": 1, "hair": 2, "arms": 3, "torso": 4}


class HumanPartsMask:
    """Runs a parts parser and returns a [B, H, W] mask for the selected parts."""

    def __init__(self, parser):
        self.parser = parser

    def segment(self, image, parts=("face", "hair")):
        # image: [B, H, W, C] float in 0..1, as ComfyUI passes it
        labels = self.parser(image)  # numpy int array [B, H, W]
        keep = np.isin(labels, [PART_IDS[p] for p in parts])
        mask_np = (keep * 255).astype(np.uint8)
        mask = torch.from_numpy(mask_np)
        return ({"mask": mask, "parts": list(parts)},)


class InpaintEncoder:
    """Grows the mask a little and encodes the masked pixels with the VAE."""

    def __init__(self, vae, grow_mask_by=6):
        self.vae = vae
        self.grow_mask_by = grow_mask_by

    def _grow(self, mask):
        k = self.grow_mask_by
        kernel = torch.ones((1, 1, k, k))
        padding = math.ceil((k - 1) / 2)
        grown = F.conv2d(mask.round(), kernel, padding=padding)
        return torch.clamp(grown, 0, 1)

    def encode(self, pixels, mask_out):
        mask = mask_out["mask"].reshape((-1, 1, mask_out["mask"].shape[-2], mask_out["mask"].shape[-1]))
        mask = F.interpolate(mask, size=(pixels.shape[1], pixels.shape[2]), mode="nearest")
        if self.grow_mask_by > 0:
            mask = self._grow(mask)
        keep = (1.0 - mask.round()).squeeze(1).unsqueeze(-1)
        pixels = (pixels - 0.5) * keep + 0.5
        latent = self.vae.encode(pixels.permute(0, 3, 1, 2))
        return ({"samples": latent, "noise_mask": mask},)


def run_workflow(parser, vae, image):
    (mask_out,) = HumanPartsMask(parser).segment(image, parts=("face", "hair"))
    (latent,) = InpaintEncoder(vae, grow_mask_by=6).encode(image, mask_out)
    return latent

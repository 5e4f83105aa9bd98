# source: https://github.com/Comfy-Org/ComfyUI/pull/15736
# error: RuntimeError: Expected all tensors to be on the same device, but found at least two devices, cuda:0 and cpu!
# pattern: tensor-created-without-device
# shape: class, helper
# looks-like: tensor-created-without-device
# needs: torch
# cpu: no written where torch was not installed; not run
import math

import torch
import torch.nn.functional as F


def grow_mask(mask, grow_by):
    """Dilate a (B, 1, H, W) mask by grow_by pixels with a box kernel."""
    if grow_by <= 0:
        return mask
    kernel = torch.ones((1, 1, grow_by, grow_by), device=mask.device, dtype=mask.dtype)
    padding = math.ceil((grow_by - 1) / 2)
    return torch.clamp(F.conv2d(mask.round(), kernel, padding=padding), 0, 1)


class VAEEncodeForInpaint:
    """Encode an image for an inpainting UNet: masked pixels are greyed out, mask is dilated."""

    def __init__(self, downscale=8):
        self.downscale = downscale

    def _crop_to_multiple(self, pixels, mask):
        h = (pixels.shape[1] // self.downscale) * self.downscale
        w = (pixels.shape[2] // self.downscale) * self.downscale
        return pixels[:, :h, :w, :], mask[:, :, :h, :w]

    def encode(self, vae, pixels, mask, grow_mask_by=6):
        # pixels: (B, H, W, C) in [0, 1]; mask: (H, W) or (B, H, W), both wherever the caller keeps them
        mask = mask.reshape((-1, 1, mask.shape[-2], mask.shape[-1]))
        mask = F.interpolate(mask, size=(pixels.shape[1], pixels.shape[2]), mode="bilinear")
        pixels, mask = self._crop_to_multiple(pixels.clone(), mask)
        mask_erosion = grow_mask(mask, grow_mask_by)

        keep = (1.0 - mask.round()).squeeze(1)
        for c in range(pixels.shape[3]):
            pixels[:, :, :, c] -= 0.5
            pixels[:, :, :, c] *= keep
            pixels[:, :, :, c] += 0.5
        latent = vae.encode(pixels)
        return {"samples": latent, "noise_mask": mask_erosion[:, :, : latent.shape[2] * self.downscale,
                                                               : latent.shape[3] * self.downscale].round()}

# source: https://github.com/chflame163/ComfyUI_LayerStyle_Advance/issues/149 https://github.com/Azornes/Comfyui-LayerForge/issues/27
# error: RuntimeError: Input type (float) and bias type (c10::Half) should be the same
# pattern: input-dtype-mismatch
# shape: multi-file, helper
# needs: torch, numpy, pillow
# cpu: no written where torch was not installed; not run
"""Image/tensor conversion helpers shared by the matting nodes."""
import numpy as np
import torch
from PIL import Image, ImageFilter


def tensor2pil(t):
    # ComfyUI IMAGE: [H, W, C] float 0..1
    arr = np.clip(255.0 * t.cpu().numpy(), 0, 255).astype(np.uint8)
    return Image.fromarray(arr)


def pil2tensor(img):
    return torch.from_numpy(np.asarray(img).astype(np.float32) / 255.0).unsqueeze(0)


def image2mask(img):
    return pil2tensor(img.convert("L"))


def refine_edges(mask_img, radius=2):
    if radius <= 0:
        return mask_img
    return mask_img.filter(ImageFilter.GaussianBlur(radius))


def rgba_compose(img, mask_img):
    out = img.convert("RGB")
    out.putalpha(mask_img.resize(out.size))
    return out

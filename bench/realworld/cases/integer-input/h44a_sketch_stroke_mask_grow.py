# source: https://github.com/Comfy-Org/ComfyUI/issues/3272
# error: RuntimeError: expected scalar type Byte but found Float
# pattern: integer-input
# shape: helper, loader-loop
# looks-like: integer-input
# needs: torch, numpy, pillow
# cpu: no written where torch was not installed; not run
"""Prepare raster sketches for stroke vectorisation: binarise, grow/shrink the ink mask."""
import glob
import os

import numpy as np
import torch
import torch.nn.functional as F
from PIL import Image


def load_ink_mask(path, threshold=200):
    gray = np.array(Image.open(path).convert("L"))          # uint8, white paper = 255
    ink = (gray < threshold).astype(np.uint8)               # 1 where there is a stroke
    return torch.from_numpy(ink)[None, None].float()        # (1, 1, H, W) float32


def grow_mask(mask, expand, tapered_corners=True):
    """Morphological dilation (expand > 0) or erosion (expand < 0) with a 3x3 kernel."""
    c = 0.0 if tapered_corners else 1.0
    kernel = torch.tensor([[c, 1.0, c], [1.0, 1.0, 1.0], [c, 1.0, c]], dtype=mask.dtype, device=mask.device)
    kernel = kernel[None, None]
    out = mask.round()
    for _ in range(abs(expand)):
        if expand < 0:
            out = 1.0 - out
        out = torch.clamp(F.conv2d(out, kernel, padding=1), 0, 1)
        if expand < 0:
            out = 1.0 - out
    return out


def process_folder(src_dir, dst_dir, expand=-1):
    device = torch.device("cuda" if torch.cuda.is_available() else "cpu")
    os.makedirs(dst_dir, exist_ok=True)
    for path in sorted(glob.glob(os.path.join(src_dir, "*.png"))):
        mask = load_ink_mask(path).to(device)
        thin = grow_mask(mask, expand)
        img = ((1.0 - thin[0, 0]) * 255).to(torch.uint8).cpu().numpy()
        Image.fromarray(img).save(os.path.join(dst_dir, os.path.basename(path)))


if __name__ == "__main__":
    process_folder("data/quickdraw_raster/cat", "data/quickdraw_thin/cat", expand=-1)

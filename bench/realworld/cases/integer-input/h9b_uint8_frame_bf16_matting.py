# source: https://github.com/1038lab/ComfyUI-RMBG/issues/155
# error: RuntimeError: Input type (torch.cuda.ByteTensor) and weight type (CUDABFloat16Type) should be the same
# pattern: integer-input
# shape: class, helper
# bug-lines: 46, 47, 52
# needs: torch, numpy, pillow
# cpu: no written where torch was not installed; not run
"""Background-removal wrapper: bf16 segmentation net applied to RGB frames from disk."""
import sys

import numpy as np
import torch
import torch.nn as nn
import torch.nn.functional as F
from PIL import Image


class TinyMattingNet(nn.Module):
    def __init__(self, width=32):
        super().__init__()
        self.enc1 = nn.Sequential(nn.Conv2d(3, width, 3, padding=1), nn.ReLU())
        self.enc2 = nn.Sequential(nn.Conv2d(width, 2 * width, 3, stride=2, padding=1), nn.ReLU())
        self.dec = nn.Sequential(nn.Conv2d(3 * width, width, 3, padding=1), nn.ReLU(),
                                 nn.Conv2d(width, 1, 1))

    def forward(self, x):
        e1 = self.enc1(x)
        e2 = F.interpolate(self.enc2(e1), size=e1.shape[-2:], mode="bilinear", align_corners=False)
        return self.dec(torch.cat([e1, e2], dim=1))


def load_frame(path, size=1024):
    image = Image.open(path).convert("RGB")
    return image, np.asarray(image.resize((size, size), Image.BILINEAR))


class BackgroundRemover:
    def __init__(self, weights_path, device="cuda", dtype=torch.bfloat16):
        self.device = torch.device(device)
        self.dtype = dtype
        self.net = TinyMattingNet()
        self.net.load_state_dict(torch.load(weights_path, map_location="cpu"))
        self.net.to(device=self.device, dtype=self.dtype).eval()

    def preprocess(self, frame):
        tensor = torch.from_numpy(frame.copy()).permute(2, 0, 1).unsqueeze(0)
        return tensor.to(self.device)

    @torch.no_grad()
    def mask(self, path, threshold=0.5):
        original, frame = load_frame(path)
        logits = self.net(self.preprocess(frame))
        alpha = torch.sigmoid(logits.float())
        alpha = F.interpolate(alpha, size=original.size[::-1], mode="bilinear", align_corners=False)
        return original, (alpha[0, 0] > threshold).cpu().numpy()

    def cutout(self, path, out_path):
        original, keep = self.mask(path)
        rgba = np.dstack([np.asarray(original), (keep * 255).astype(np.uint8)])
        Image.fromarray(rgba, mode="RGBA").save(out_path)


if __name__ == "__main__":
    remover = BackgroundRemover("weights/tiny_matting.pth")
    for src in sys.argv[1:]:
        remover.cutout(src, src.rsplit(".", 1)[0] + "_cutout.png")

# source: https://github.com/xinntao/Real-ESRGAN/issues/346
# error: RuntimeError: "slow_conv2d_cpu" not implemented for 'Half'
# pattern: half-on-cpu
# shape: class, helper
# looks-like: half-on-cpu
# needs: torch, numpy, PIL
# cpu: no written where torch was not installed; not run
import argparse

import numpy as np
import torch
from PIL import Image


class TileUpscaler:
    def __init__(self, model, scale=4, tile=256, pad=10, half=True, device=None):
        self.device = device or torch.device("cuda" if torch.cuda.is_available() else "cpu")
        # fp16 only pays off (and only works for every op) on the GPU
        self.half = half and self.device.type == "cuda"
        self.scale = scale
        self.tile = tile
        self.pad = pad
        model.eval()
        self.model = model.to(self.device)
        if self.half:
            self.model = self.model.half()

    def _prepare(self, img):
        x = torch.from_numpy(np.asarray(img, dtype=np.float32) / 255.0).permute(2, 0, 1)
        x = x.unsqueeze(0).to(self.device)
        return x.half() if self.half else x.float()

    @torch.no_grad()
    def enhance(self, img):
        x = self._prepare(img)
        _, _, h, w = x.shape
        out = x.new_zeros(1, 3, h * self.scale, w * self.scale)
        for top in range(0, h, self.tile):
            for left in range(0, w, self.tile):
                t0, l0 = max(top - self.pad, 0), max(left - self.pad, 0)
                t1, l1 = min(top + self.tile + self.pad, h), min(left + self.tile + self.pad, w)
                sr = self.model(x[:, :, t0:t1, l0:l1])
                oy, ox = (top - t0) * self.scale, (left - l0) * self.scale
                th = min(self.tile, h - top) * self.scale
                tw = min(self.tile, w - left) * self.scale
                out[:, :, top * self.scale: top * self.scale + th,
                    left * self.scale: left * self.scale + tw] = sr[:, :, oy:oy + th, ox:ox + tw]
        out = out.float().clamp_(0, 1).squeeze(0).permute(1, 2, 0).cpu().numpy()
        return Image.fromarray((out * 255.0).round().astype(np.uint8))


def build_rrdb_standin(scale=4):
    # small stand-in for the RRDB generator; real weights are loaded below
    return torch.nn.Sequential(
        torch.nn.Conv2d(3, 64, 3, padding=1), torch.nn.LeakyReLU(0.2),
        torch.nn.Conv2d(64, 3 * scale * scale, 3, padding=1), torch.nn.PixelShuffle(scale),
    )


if __name__ == "__main__":
    parser = argparse.ArgumentParser()
    parser.add_argument("-i", "--input", required=True)
    parser.add_argument("-o", "--output", default="out.png")
    parser.add_argument("--weights", default="weights/RealESRGAN_x4plus_standin.pth")
    parser.add_argument("--fp32", action="store_true", help="disable half precision")
    args = parser.parse_args()
    net = build_rrdb_standin()
    net.load_state_dict(torch.load(args.weights, map_location="cpu"))
    upscaler = TileUpscaler(net, half=not args.fp32)
    upscaler.enhance(Image.open(args.input).convert("RGB")).save(args.output)

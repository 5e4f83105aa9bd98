# source: https://github.com/kijai/ComfyUI-Marigold/issues/9
# error: RuntimeError: "LayerNormKernelImpl" not implemented for 'Half'
# pattern: half-on-cpu
# shape: class, helper
# bug-lines: 48, 56
# needs: torch
# cpu: no written where torch was not installed; not run
"""Depth-estimation node with an fp16 switch (ComfyUI custom-node style)."""
import torch
import torch.nn as nn
import torch.nn.functional as F


class TinyDepthDenoiser(nn.Module):
    def __init__(self, dim=64):
        super().__init__()
        self.patch = nn.Conv2d(4, dim, 8, stride=8)
        self.norm = nn.LayerNorm(dim)
        self.mix = nn.Linear(dim, dim)
        self.unpatch = nn.ConvTranspose2d(dim, 1, 8, stride=8)

    def forward(self, rgb, depth):
        x = self.patch(torch.cat([rgb, depth], dim=1))
        b, c, h, w = x.shape
        t = self.norm(x.flatten(2).transpose(1, 2))
        t = t + self.mix(t)
        return self.unpatch(t.transpose(1, 2).reshape(b, c, h, w))


def get_device():
    return torch.device("cuda") if torch.cuda.is_available() else torch.device("cpu")


class MarigoldDepthEstimation:
    RETURN_TYPES = ("IMAGE",)
    FUNCTION = "process"

    def __init__(self):
        self.pipeline = None
        self.loaded_fp16 = None

    def _load(self, ckpt, use_fp16):
        if self.pipeline is None or self.loaded_fp16 != use_fp16:
            net = TinyDepthDenoiser()
            net.load_state_dict(torch.load(ckpt, map_location="cpu"))
            net = net.to(get_device()).eval()
            if use_fp16:
                net = net.half()
            self.pipeline, self.loaded_fp16 = net, use_fp16
        return self.pipeline

    def process(self, image, ckpt, denoise_steps=10, use_fp16=True):
        pipe = self._load(ckpt, use_fp16)
        rgb = image.permute(0, 3, 1, 2).to(get_device()) * 2.0 - 1.0
        if use_fp16:
            rgb = rgb.half()
        depth = torch.zeros_like(rgb[:, :1])
        with torch.no_grad():
            for _ in range(denoise_steps):
                depth = depth - 0.1 * pipe(rgb, depth)
        depth = F.interpolate(depth.float(), size=image.shape[1:3], mode="bilinear")
        depth = (depth - depth.amin()) / (depth.amax() - depth.amin() + 1e-6)
        return (depth.permute(0, 2, 3, 1).repeat(1, 1, 1, 3).cpu(),)

# source: https://github.com/nerfstudio-project/nerfstudio/pull/2381
# error: RuntimeError: Expected all tensors to be on the same device, but found at least two devices, cuda:0 and cpu!
# pattern: tensor-created-without-device
# shape: multi-file, class, batch-dict, loader-loop
# bug-lines: 23, 33
# needs: torch
# cpu: no written where torch was not installed; not run
import torch
import torch.nn as nn

from colors import COLORS, is_named_color, random_background


class RGBRenderer(nn.Module):
    """Alpha-composite per-sample colors along each ray onto a background."""

    def __init__(self, background_color="white"):
        super().__init__()
        self.background_color = background_color

    def get_background(self, rgb):
        if is_named_color(self.background_color):
            return torch.tensor(COLORS[self.background_color], dtype=rgb.dtype)
        if self.background_color == "random":
            return random_background(rgb.shape[0], rgb.device, rgb.dtype)
        raise ValueError(f"unknown background {self.background_color}")

    def forward(self, rgb, weights):
        # rgb: (N, S, 3), weights: (N, S, 1)
        comp_rgb = torch.sum(weights * rgb, dim=-2)
        accumulation = torch.sum(weights, dim=-2)
        background = self.get_background(rgb)
        comp_rgb = comp_rgb + background * (1.0 - accumulation)
        return comp_rgb.clamp(0.0, 1.0), accumulation


class DepthRenderer(nn.Module):
    def forward(self, weights, t_mids):
        return torch.sum(weights * t_mids, dim=-2) / (torch.sum(weights, dim=-2) + 1e-10)

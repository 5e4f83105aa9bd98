# source: https://github.com/teamtomo/torch-cubic-spline-grids/pull/13
# error: RuntimeError: Expected all tensors to be on the same device, but found at least two devices, cuda:0 and cpu!
# pattern: tensor-attribute-not-buffer
# shape: multi-file, class, helper, loader-loop
# needs: torch
# cpu: no written where torch was not installed; not run
import torch
import torch.nn as nn

from spline_grid import CubicBSplineGrid1d


class TemporalDeflicker(nn.Module):
    """Smooth per-channel gain/offset over normalised clip time for interpolated video."""

    def __init__(self, n_knots=12):
        super().__init__()
        self.gain = CubicBSplineGrid1d(resolution=n_knots, n_channels=3)
        self.offset = CubicBSplineGrid1d(resolution=n_knots, n_channels=3)

    def forward(self, frames, t):
        # frames: (B, 3, H, W), t: (B,) normalised timestamps of each frame
        g = 1.0 + self.gain(t)[:, :, None, None]
        o = self.offset(t)[:, :, None, None]
        return (frames * g + o).clamp(0.0, 1.0)


def temporal_smoothness(frames):
    means = frames.mean(dim=(2, 3))
    return (means[1:] - means[:-1]).abs().mean()

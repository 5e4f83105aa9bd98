# source: https://github.com/TimeCopilot/timecopilot/pull/236
# error: TypeError: can't convert cuda:0 device type tensor to numpy. Use Tensor.cpu() to copy the tensor to host memory first.
# pattern: numpy-of-device-tensor
# shape: multi-file, class
# needs: torch
# cpu: no written where torch was not installed; not run
"""Patch-based quantile forecaster (a small stand-in for a pretrained foundation model)."""
import torch
import torch.nn as nn


class PatchQuantileModel(nn.Module):
    def __init__(self, context_len=512, patch=32, d_model=128, max_horizon=64, quantiles=(0.1, 0.5, 0.9)):
        super().__init__()
        self.patch = patch
        self.quantiles = list(quantiles)
        self.max_horizon = max_horizon
        self.embed = nn.Linear(patch, d_model)
        layer = nn.TransformerEncoderLayer(d_model, nhead=4, batch_first=True)
        self.backbone = nn.TransformerEncoder(layer, num_layers=3)
        self.head = nn.Linear(d_model, max_horizon * len(self.quantiles))

    def forward(self, context, prediction_length, scale_factor=None):
        # context: (batch, context_len)  ->  (batch, n_quantiles, prediction_length)
        if scale_factor is None:
            scale_factor = context.abs().mean(dim=1, keepdim=True).clamp_min(1e-6)
        x = (context / scale_factor).unfold(1, self.patch, self.patch)
        h = self.backbone(self.embed(x))[:, -1]
        out = self.head(h).view(-1, len(self.quantiles), self.max_horizon)
        return out[..., :prediction_length] * scale_factor.unsqueeze(-1)

# source: https://github.com/AIFSH/ComfyUI-MuseTalk_FSH/issues/3
# error: RuntimeError: expected scalar type Float but found Half
# pattern: input-dtype-mismatch
# shape: multi-file, helper
# needs: torch, diffusers
# cpu: no written where torch was not installed; not run
"""Audio-conditioned latent UNet used for real-time lip-sync (MuseTalk-style)."""
import json
import math

import torch
import torch.nn as nn
from diffusers import UNet2DConditionModel


class PositionalEncoding(nn.Module):
    """Sinusoidal encoding added to the whisper audio tokens before cross-attention."""

    def __init__(self, d_model=384, max_len=5000):
        super().__init__()
        pe = torch.zeros(max_len, d_model)
        position = torch.arange(0, max_len, dtype=torch.float).unsqueeze(1)
        div_term = torch.exp(torch.arange(0, d_model, 2).float() * (-math.log(10000.0) / d_model))
        pe[:, 0::2] = torch.sin(position * div_term)
        pe[:, 1::2] = torch.cos(position * div_term)
        self.register_buffer("pe", pe.unsqueeze(0))

    def forward(self, x):
        return x + self.pe[:, : x.size(1)]


class LipSyncUNet:
    def __init__(self, config_path, weights_path, device, use_float16=True):
        with open(config_path) as f:
            unet_config = json.load(f)
        self.model = UNet2DConditionModel(**unet_config)
        state = torch.load(weights_path, map_location="cpu")
        self.model.load_state_dict(state)
        if use_float16:
            self.model = self.model.half()
        self.model.to(device).eval()
        self.device = device

    @property
    def dtype(self):
        return self.model.dtype


def load_all_models(cfg, device):
    unet = LipSyncUNet(cfg["unet_config"], cfg["unet_weights"], device, cfg.get("use_float16", True))
    pe = PositionalEncoding(d_model=384).to(device)
    if cfg.get("use_float16", True):
        pe = pe.half()
    return unet, pe

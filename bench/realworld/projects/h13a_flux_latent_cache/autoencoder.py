# source: https://github.com/kohya-ss/sd-scripts/issues/1562
# error: RuntimeError: Input type (float) and bias type (c10::BFloat16) should be the same
# pattern: input-dtype-mismatch
# shape: loader-loop, batch-dict, multi-file
# needs: torch, safetensors
# cpu: no written where torch was not installed; not run
"""Image autoencoder used to pre-compute training latents."""
import torch
import torch.nn as nn
from safetensors.torch import load_file


class Encoder(nn.Module):
    def __init__(self, in_channels=3, ch=128, z_channels=16):
        super().__init__()
        self.conv_in = nn.Conv2d(in_channels, ch, 3, padding=1)
        self.down = nn.Sequential(
            nn.Conv2d(ch, ch, 3, stride=2, padding=1), nn.SiLU(),
            nn.Conv2d(ch, ch * 2, 3, stride=2, padding=1), nn.SiLU(),
            nn.Conv2d(ch * 2, ch * 2, 3, stride=2, padding=1), nn.SiLU(),
        )
        self.conv_out = nn.Conv2d(ch * 2, 2 * z_channels, 3, padding=1)

    def forward(self, x):
        return self.conv_out(self.down(self.conv_in(x)))


class AutoEncoder(nn.Module):
    def __init__(self, scale_factor=0.3611, shift_factor=0.1159):
        super().__init__()
        self.encoder = Encoder()
        self.scale_factor = scale_factor
        self.shift_factor = shift_factor

    @torch.no_grad()
    def encode(self, x: torch.Tensor) -> torch.Tensor:
        mean, _ = self.encoder(x).chunk(2, dim=1)
        return self.scale_factor * (mean - self.shift_factor)


def load_autoencoder(path: str, device: torch.device, dtype: torch.dtype) -> AutoEncoder:
    ae = AutoEncoder()
    state = load_file(path, device="cpu")
    missing, unexpected = ae.load_state_dict(state, strict=False)
    if unexpected:
        print(f"ignored {len(unexpected)} unexpected keys")
    ae.requires_grad_(False)
    ae.eval()
    return ae.to(device=device, dtype=dtype)

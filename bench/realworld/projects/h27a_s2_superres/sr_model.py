# source: https://github.com/ESAOpenSR/opensr-model/issues/6
# error: RuntimeError: Input type (torch.FloatTensor) and weight type (torch.cuda.FloatTensor) should be the same
# pattern: inputs-not-moved
# shape: multi-file, helper
# needs: torch
# cpu: no written where torch was not installed; not run
import torch
import torch.nn as nn

BANDS = {"10m": ["B02", "B03", "B04", "B08"], "20m": ["B05", "B06", "B07", "B8A", "B11", "B12"]}


class ResidualBlock(nn.Module):
    def __init__(self, ch):
        super().__init__()
        self.body = nn.Sequential(nn.Conv2d(ch, ch, 3, padding=1), nn.ReLU(inplace=True), nn.Conv2d(ch, ch, 3, padding=1))

    def forward(self, x):
        return x + 0.1 * self.body(x)


class SentinelSR(nn.Module):
    """x4 super-resolution for Sentinel-2 reflectance tiles."""

    def __init__(self, in_bands, feats=64, n_blocks=8, scale=4):
        super().__init__()
        self.head = nn.Conv2d(in_bands, feats, 3, padding=1)
        self.body = nn.Sequential(*[ResidualBlock(feats) for _ in range(n_blocks)])
        self.up = nn.Sequential(nn.Conv2d(feats, feats * scale * scale, 3, padding=1), nn.PixelShuffle(scale))
        self.tail = nn.Conv2d(feats, in_bands, 3, padding=1)
        self.upsample = nn.Upsample(scale_factor=scale, mode="bicubic", align_corners=False)

    def forward(self, x):
        feat = self.head(x)
        feat = self.body(feat) + feat
        return self.tail(self.up(feat)) + self.upsample(x)


def load_sr_model(model_type, ckpt_path, device):
    model = SentinelSR(in_bands=len(BANDS[model_type]))
    state = torch.load(ckpt_path, map_location="cpu")
    model.load_state_dict(state["state_dict"] if "state_dict" in state else state)
    return model.to(device).eval()

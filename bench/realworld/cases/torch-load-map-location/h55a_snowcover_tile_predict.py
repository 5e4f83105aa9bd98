# source: https://github.com/NatLabRockies/Wattile/issues/235
# error: RuntimeError: Attempting to deserialize object on a CUDA device but torch.cuda.is_available() is False. If you are running on a CPU-only machine, please use torch.load with map_location=torch.device('cpu') to map your storages to the CPU.
# pattern: torch-load-map-location
# shape: helper, top-level
# bug-lines: 43
# needs: torch, numpy, rasterio
# cpu: no written where torch was not installed; not run
"""Predict a binary snow-cover map for a Sentinel-2 scene with a model trained on the HPC GPUs.

Typical use on a field laptop:  python predict_snow.py S2B_T32TMS_20240212.tif runs/snow_unet/best.pt
"""
import sys

import numpy as np
import rasterio
import torch
import torch.nn as nn

BANDS = ["B02", "B03", "B04", "B08", "B11", "B12"]   # blue, green, red, nir, swir1, swir2


class SnowNet(nn.Module):
    def __init__(self, in_ch=len(BANDS), width=48):
        super().__init__()
        self.body = nn.Sequential(
            nn.Conv2d(in_ch, width, 3, padding=1), nn.ReLU(),
            nn.Conv2d(width, width, 3, padding=2, dilation=2), nn.ReLU(),
            nn.Conv2d(width, width, 3, padding=4, dilation=4), nn.ReLU(),
            nn.Conv2d(width, 1, 1),
        )

    def forward(self, x):
        return self.body(x)


def pick_device():
    if torch.cuda.is_available():
        return torch.device("cuda")
    return torch.device("cpu")


def load_snow_model(ckpt_path, device):
    ckpt = torch.load(ckpt_path)
    model = SnowNet(in_ch=len(ckpt["bands"]), width=ckpt["width"])
    model.load_state_dict(ckpt["state_dict"])
    return model.to(device).eval(), ckpt["band_mean"], ckpt["band_std"]


@torch.no_grad()
def predict_scene(model, scene, mean, std, device, tile=512):
    x = (scene - mean[:, None, None]) / std[:, None, None]
    out = np.zeros(scene.shape[1:], dtype=np.uint8)
    for r in range(0, x.shape[1], tile):
        for c in range(0, x.shape[2], tile):
            patch = torch.from_numpy(x[:, r:r + tile, c:c + tile]).float()[None].to(device)
            prob = torch.sigmoid(model(patch))[0, 0].cpu().numpy()
            out[r:r + tile, c:c + tile] = (prob > 0.5).astype(np.uint8)
    return out


if __name__ == "__main__":
    scene_path, ckpt_path = sys.argv[1], sys.argv[2]
    device = pick_device()
    model, mean, std = load_snow_model(ckpt_path, device)
    with rasterio.open(scene_path) as src:
        scene, profile = src.read().astype(np.float32), src.profile
    mask = predict_scene(model, scene, np.asarray(mean), np.asarray(std), device)
    profile.update(count=1, dtype="uint8")
    with rasterio.open(scene_path.replace(".tif", "_snow.tif"), "w", **profile) as dst:
        dst.write(mask, 1)

# source: https://github.com/CAREamics/careamics/issues/145
# error: RuntimeError: Attempting to deserialize object on a CUDA device but torch.cuda.is_available() is False. If you are running on a CPU-only machine, please use torch.load with map_location=torch.device('cpu') to map your storages to the CPU.
# pattern: torch-load-map-location
# shape: class, helper, loader-loop
# looks-like: torch-load-map-location
# needs: torch
# cpu: no written where torch was not installed; not run
"""Self-supervised (Noise2Void-style) speckle denoiser applied to SAR tiles
before bitemporal change detection.  Checkpoints come from the GPU cluster;
prediction also has to work on laptops without CUDA."""
from pathlib import Path

import torch
import torch.nn as nn
from torch.utils.data import DataLoader, TensorDataset


class SmallUNet(nn.Module):
    def __init__(self, ch=32):
        super().__init__()
        self.down = nn.Sequential(nn.Conv2d(1, ch, 3, padding=1), nn.ReLU(),
                                  nn.Conv2d(ch, ch, 3, stride=2, padding=1), nn.ReLU())
        self.up = nn.Sequential(nn.ConvTranspose2d(ch, ch, 2, stride=2), nn.ReLU(),
                                nn.Conv2d(ch, 1, 3, padding=1))

    def forward(self, x):
        return x + self.up(self.down(x))


def _load_checkpoint(path, device):
    checkpoint = torch.load(path, map_location=device)
    if "state_dict" not in checkpoint:
        raise ValueError(f"{path} is not a training checkpoint")
    return checkpoint


class SpeckleDenoiser:
    def __init__(self, ckpt_path):
        self.device = torch.device("cuda" if torch.cuda.is_available() else "cpu")
        ckpt = _load_checkpoint(Path(ckpt_path), self.device)
        self.model = SmallUNet(ckpt.get("hparams", {}).get("ch", 32))
        self.model.load_state_dict(ckpt["state_dict"])
        self.model.to(self.device).eval()

    def predict(self, tiles, batch_size=8):
        loader = DataLoader(TensorDataset(tiles), batch_size=batch_size)
        out = []
        with torch.no_grad():
            for (batch,) in loader:
                out.append(self.model(batch.to(self.device)).cpu())
        return torch.cat(out)


if __name__ == "__main__":
    denoiser = SpeckleDenoiser("checkpoints/sar_n2v_epoch50.ckpt")
    tiles = torch.rand(20, 1, 256, 256)
    print(denoiser.predict(tiles).shape)

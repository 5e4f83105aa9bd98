# source: https://github.com/MIC-DKFZ/napari-nninteractive/issues/8
# error: RuntimeError: Attempting to deserialize object on a CUDA device but torch.cuda.is_available() is False. If you are running on a CPU-only machine, please use torch.load with map_location=torch.device('cpu') to map your storages to the CPU.
# pattern: torch-load-map-location
# shape: class
# bug-lines: 46
# needs: torch, numpy
# cpu: no written where torch was not installed; not run
"""Napari dock widget backend: prompt-driven 3D segmentation of microscopy volumes."""
from pathlib import Path

import numpy as np
import torch
import torch.nn as nn


def _pick_device():
    if torch.cuda.is_available():
        return torch.device("cuda")
    if torch.backends.mps.is_available():
        return torch.device("mps")
    return torch.device("cpu")


class PromptSegNet(nn.Module):
    def __init__(self, in_ch=2, width=16):
        super().__init__()
        self.body = nn.Sequential(
            nn.Conv3d(in_ch, width, 3, padding=1), nn.InstanceNorm3d(width), nn.LeakyReLU(),
            nn.Conv3d(width, width, 3, padding=1), nn.InstanceNorm3d(width), nn.LeakyReLU(),
            nn.Conv3d(width, 1, 1),
        )

    def forward(self, image, prompt):
        return self.body(torch.cat([image, prompt], dim=1))


class InteractiveSegmenter:
    """Loaded once when the user clicks 'Initialize' in the widget."""

    def __init__(self, model_dir):
        self.device = _pick_device()
        self.model_dir = Path(model_dir)
        self.net = None

    def load(self):
        ckpt = torch.load(self.model_dir / "checkpoint_final.pth")
        self.net = PromptSegNet(**ckpt["init_kwargs"])
        self.net.load_state_dict(ckpt["network_weights"])
        self.net.to(self.device).eval()

    @torch.no_grad()
    def segment(self, volume, clicks):
        if self.net is None:
            self.load()
        img = torch.from_numpy(volume.astype(np.float32))[None, None].to(self.device)
        prompt = torch.zeros_like(img)
        for z, y, x in clicks:
            prompt[0, 0, z, y, x] = 1.0
        logits = self.net(img, prompt)
        return (torch.sigmoid(logits)[0, 0] > 0.5).cpu().numpy()


if __name__ == "__main__":
    seg = InteractiveSegmenter("~/.cache/nninteractive/v1.0")
    vol = np.random.rand(32, 128, 128)
    mask = seg.segment(vol, [(16, 64, 64)])
    print(mask.sum())

# source: https://github.com/Abe404/root_painter/issues/185
# error: RuntimeError: Attempting to deserialize object on a CUDA device but torch.cuda.is_available() is False. If you are running on a CPU-only machine, please use torch.load with map_location=torch.device('cpu') to map your storages to the CPU.
# pattern: torch-load-map-location
# shape: helper, multi-file
# bug-lines: 44
# needs: torch
# cpu: no written where torch was not installed; not run

import glob
import os

import torch
import torch.nn as nn


def get_device():
    if torch.cuda.is_available():
        return torch.device("cuda")
    if torch.backends.mps.is_available():
        return torch.device("mps")
    return torch.device("cpu")


class UNetGNRes(nn.Module):
    def __init__(self, im_channels=3, width=32):
        super().__init__()
        self.enc = nn.Sequential(
            nn.Conv2d(im_channels, width, 3, padding=1), nn.GroupNorm(8, width), nn.ReLU(),
            nn.Conv2d(width, width, 3, padding=1), nn.GroupNorm(8, width), nn.ReLU())
        self.out = nn.Conv2d(width, 2, 1)

    def forward(self, x):
        return self.out(self.enc(x))


def get_latest_model_paths(model_dir, k):
    fnames = sorted(glob.glob(os.path.join(model_dir, "*.pkl")))
    return fnames[-k:]


def load_model(model_path):
    device = get_device()
    model = UNetGNRes()
    model.load_state_dict(torch.load(model_path))
    model.to(device)
    model.eval()
    return model, device

# source: https://github.com/wolny/pytorch-3dunet/pull/60
# error: RuntimeError: Attempting to deserialize object on a CUDA device but torch.cuda.is_available() is False. If you are running on a CPU-only machine, please use torch.load with map_location=torch.device('cpu') to map your storages to the CPU.
# pattern: torch-load-map-location
# shape: helper
# looks-like: torch-load-map-location
# needs: torch
# cpu: no written where torch was not installed; not run
"""Predict cell boundaries in a confocal stack with a 3D U-Net trained on the cluster."""
import os

import torch
import torch.nn as nn


class TinyUNet3D(nn.Module):
    def __init__(self, in_ch=1, out_ch=1, f=16):
        super().__init__()
        self.enc = nn.Sequential(nn.Conv3d(in_ch, f, 3, padding=1), nn.GroupNorm(4, f), nn.ReLU())
        self.down = nn.MaxPool3d(2)
        self.mid = nn.Sequential(nn.Conv3d(f, 2 * f, 3, padding=1), nn.GroupNorm(8, 2 * f), nn.ReLU())
        self.up = nn.ConvTranspose3d(2 * f, f, 2, stride=2)
        self.out = nn.Conv3d(2 * f, out_ch, 1)

    def forward(self, x):
        e = self.enc(x)
        u = self.up(self.mid(self.down(e)))
        return self.out(torch.cat([e, u], dim=1))


def load_checkpoint(checkpoint_path, model, optimizer=None, map_location="cpu"):
    if not os.path.exists(checkpoint_path):
        raise IOError(f"Checkpoint '{checkpoint_path}' does not exist")
    state = torch.load(checkpoint_path, map_location=map_location)
    model.load_state_dict(state["model_state_dict"])
    if optimizer is not None:
        optimizer.load_state_dict(state["optimizer_state_dict"])
    return state


def main():
    device = torch.device("cuda" if torch.cuda.is_available() else "cpu")
    model = TinyUNet3D()
    state = load_checkpoint("checkpoints/best_checkpoint.pytorch", model, map_location=device)
    model.to(device).eval()
    print(f"restored epoch {state.get('epoch', '?')} on {device}")
    stack = torch.rand(1, 1, 32, 128, 128, device=device)
    with torch.no_grad():
        boundaries = torch.sigmoid(model(stack))
    print(boundaries.shape, float(boundaries.mean()))


if __name__ == "__main__":
    main()

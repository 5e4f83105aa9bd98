# source: https://github.com/wolverinn/HEVC-CU-depths-prediction-CNN/issues/8
# error: RuntimeError: Attempting to deserialize object on a CUDA device but torch.cuda.is_available() is False. If you are running on a CPU-only machine, please use torch.load with map_location=torch.device('cpu') to map your storages to the CPU.
# pattern: torch-load-map-location
# shape: helper, loader-loop
# looks-like: torch-load-map-location
# needs: torch
# cpu: no written where torch was not installed; not run
"""Batch CU-depth inference over saved CTU patches; weights may come from a GPU run."""
import argparse

import torch
import torch.nn as nn
from torch.utils.data import DataLoader, TensorDataset


class CUDepthNet(nn.Module):
    def __init__(self, size):
        super().__init__()
        self.body = nn.Sequential(
            nn.Conv2d(1, 16, 4, stride=4), nn.ReLU(),
            nn.Conv2d(16, 32, 2, stride=2), nn.ReLU(), nn.Flatten(),
        )
        self.head = nn.Linear(32 * (size // 8) ** 2, 2)

    def forward(self, x):
        return self.head(self.body(x))


def restore(size, ckpt_dir, device):
    net = CUDepthNet(size)
    state = torch.load(f"{ckpt_dir}/cu_depth_{size}x{size}.pt", map_location=device)
    net.load_state_dict(state)
    return net.to(device).eval()


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--ckpt-dir", default="checkpoints")
    parser.add_argument("--patches", default="ctu_patches.pt")
    parser.add_argument("--cpu", action="store_true")
    args = parser.parse_args()

    device = torch.device("cpu" if args.cpu or not torch.cuda.is_available() else "cuda")
    net64 = restore(64, args.ckpt_dir, device)
    patches = torch.load(args.patches, map_location="cpu")
    loader = DataLoader(TensorDataset(patches), batch_size=128)

    splits = []
    with torch.no_grad():
        for (batch,) in loader:
            splits.append(net64(batch.to(device)).argmax(1).cpu())
    print("split ratio:", torch.cat(splits).float().mean().item())


if __name__ == "__main__":
    main()

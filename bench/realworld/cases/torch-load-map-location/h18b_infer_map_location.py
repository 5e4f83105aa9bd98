# source: https://github.com/mlcommons/GaNDLF/issues/249
# error: RuntimeError: Attempting to deserialize object on a CUDA device but torch.cuda.is_available() is False. If you are running on a CPU-only machine, please use torch.load with map_location=torch.device('cpu') to map your storages to the CPU.
# pattern: torch-load-map-location
# shape: helper, loader-loop
# looks-like: torch-load-map-location
# needs: torch
# cpu: no written where torch was not installed; not run

import argparse
import os

import torch
import torch.nn as nn
from torch.utils.data import DataLoader, TensorDataset


def get_model(num_channels, num_classes):
    return nn.Sequential(
        nn.Conv3d(num_channels, 16, 3, padding=1), nn.InstanceNorm3d(16), nn.LeakyReLU(),
        nn.Conv3d(16, 16, 3, padding=1), nn.InstanceNorm3d(16), nn.LeakyReLU(),
        nn.Conv3d(16, num_classes, 1))


def send_model_to_device(model, device):
    model = model.to(device)
    model.eval()
    return model


def load_best_model(model_dir, device):
    path = os.path.join(model_dir, "model_best.pth.tar")
    checkpoint = torch.load(path, map_location=device)
    return checkpoint["model_state_dict"], checkpoint.get("epoch", -1)


def inference_loop(model_dir, loader, device):
    model = get_model(num_channels=1, num_classes=2)
    state_dict, epoch = load_best_model(model_dir, device)
    model.load_state_dict(state_dict)
    model = send_model_to_device(model, device)
    print(f"loaded best model from epoch {epoch} on {device}")
    dice_scores = []
    with torch.no_grad():
        for subject, mask in loader:
            pred = model(subject.to(device)).argmax(dim=1)
            mask = mask.to(device)
            inter = ((pred == 1) & (mask == 1)).sum().float()
            dice_scores.append((2 * inter / ((pred == 1).sum() + (mask == 1).sum() + 1e-6)).item())
    return sum(dice_scores) / len(dice_scores)


if __name__ == "__main__":
    parser = argparse.ArgumentParser()
    parser.add_argument("-m", "--modeldir", required=True)
    parser.add_argument("-d", "--device", default="cuda", choices=["cpu", "cuda"])
    args = parser.parse_args()
    device = torch.device(args.device if torch.cuda.is_available() else "cpu")
    data = TensorDataset(torch.randn(6, 1, 32, 32, 32), torch.randint(0, 2, (6, 32, 32, 32)))
    print(f"mean dice: {inference_loop(args.modeldir, DataLoader(data, batch_size=2), device):.4f}")

# source: https://github.com/Lineves7/EMNet/issues/1
# error: RuntimeError: indices should be either on cpu or on the same device as the indexed tensor (cpu)
# pattern: tensor-attribute-not-buffer
# shape: multi-file, loader-loop
# needs: torch, numpy, torchvision
# cpu: no written where torch was not installed; not run

import argparse
import glob
import os

import numpy as np
import torch
from PIL import Image
from torch.utils.data import DataLoader, Dataset
from torchvision.transforms.functional import to_tensor

from model import build_model


class PairedFolder(Dataset):
    def __init__(self, root):
        self.inputs = sorted(glob.glob(os.path.join(root, "input", "*.png")))
        self.targets = sorted(glob.glob(os.path.join(root, "target", "*.png")))

    def __len__(self):
        return len(self.inputs)

    def __getitem__(self, idx):
        return to_tensor(Image.open(self.inputs[idx]).convert("RGB")), to_tensor(Image.open(self.targets[idx]).convert("RGB"))


def psnr(pred, target):
    mse = np.mean((pred - target) ** 2)
    return 10 * np.log10(1.0 / max(mse, 1e-10))


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--weights", default="checkpoints/memory_restoration.pth")
    parser.add_argument("--input_dir", default="datasets/test")
    args = parser.parse_args()

    model = build_model(args.weights)
    model.cuda()
    model.eval()

    loader = DataLoader(PairedFolder(args.input_dir), batch_size=1, shuffle=False)
    scores = []
    with torch.no_grad():
        for degraded, target in loader:
            restored = model(degraded.cuda()).clamp(0, 1)
            scores.append(psnr(restored.cpu().numpy(), target.numpy()))
    print(f"PSNR on {len(scores)} images: {np.mean(scores):.2f} dB")


if __name__ == "__main__":
    main()

# source: https://github.com/SeokjaeLIM/DSLR-release/issues/3
# error: RuntimeError: torch.cuda.FloatTensor is not enabled. (AssertionError: Torch not compiled with CUDA enabled)
# pattern: hard-coded-cuda
# shape: multi-file, loader-loop, helper
# bug-lines: 29, 39
# needs: torch, torchvision
# cpu: no written where torch was not installed; not run
"""Evaluate the pretrained low-light Retinex model on a folder of test pairs."""
import math
import os
import sys

import torch
import torch.nn as nn
from torch.utils.data import DataLoader
from torchvision import datasets, transforms
from torchvision.utils import save_image

from model import LMSN


def to_var(x):
    if torch.cuda.is_available():
        x = x.cuda()
    return x


def psnr(pred, target):
    diff = torch.abs(pred - target).cuda()
    mse = torch.mean(diff * diff).item()
    return 10 * math.log10(1.0 / max(mse, 1e-10))


def main(data_root="./data/test", ckpt="./data/model/Retinex.pkl", out_dir="./data/result"):
    tf = transforms.Compose([transforms.CenterCrop(512), transforms.ToTensor()])
    low = DataLoader(datasets.ImageFolder(os.path.join(data_root, "low"), tf), batch_size=1)
    high = DataLoader(datasets.ImageFolder(os.path.join(data_root, "high"), tf), batch_size=1)

    retinex = nn.DataParallel(LMSN()).cuda()
    state = torch.load(ckpt, map_location="cpu")
    retinex.load_state_dict(state["model"])
    retinex.eval()

    os.makedirs(out_dir, exist_ok=True)
    scores = []
    with torch.no_grad():
        for i, ((x, _), (y, _)) in enumerate(zip(low, high)):
            enhanced, _ = retinex(to_var(x))
            scores.append(psnr(enhanced, to_var(y)))
            save_image(enhanced.clamp(0, 1), os.path.join(out_dir, f"{i + 1}.png"))
    print(f"mean PSNR over {len(scores)} images: {sum(scores) / max(len(scores), 1):.2f} dB")


if __name__ == "__main__":
    main(*sys.argv[1:])

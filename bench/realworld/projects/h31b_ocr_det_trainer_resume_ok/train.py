# source: https://github.com/Vipermdl/OCR_detection_IC15/issues/2
# error: RuntimeError: Expected all tensors to be on the same device, but found at least two devices, cuda:0 and cpu!
# pattern: optimizer-state-before-placement
# shape: multi-file, top-level
# looks-like: optimizer-state-before-placement
# needs: torch
# cpu: no written where torch was not installed; not run
"""Entry point: python train.py --resume saved/checkpoint-epoch010.pth.tar"""
import argparse
import functools
import os

import torch
from torch.utils.data import DataLoader

from base_trainer import Trainer
from model import EASTDetector, east_loss


class ICDAR15Maps(torch.utils.data.Dataset):
    """Reads pre-generated score/geometry maps (one .pt file per training image)."""

    def __init__(self, root):
        self.files = sorted(os.path.join(root, f) for f in os.listdir(root) if f.endswith(".pt"))

    def __len__(self):
        return len(self.files)

    def __getitem__(self, idx):
        return torch.load(self.files[idx])


if __name__ == "__main__":
    parser = argparse.ArgumentParser()
    parser.add_argument("--data", default="data/icdar2015/train_maps")
    parser.add_argument("--resume", default=None)
    parser.add_argument("--epochs", type=int, default=100)
    args = parser.parse_args()

    config = {"cuda": True, "save_dir": "saved"}
    os.makedirs(config["save_dir"], exist_ok=True)
    optimizer_factory = functools.partial(torch.optim.Adam, lr=1e-4, weight_decay=1e-5)
    trainer = Trainer(EASTDetector(), east_loss, optimizer_factory, config, resume=args.resume)
    loader = DataLoader(ICDAR15Maps(args.data), batch_size=8, shuffle=True, num_workers=4)
    trainer.train(loader, args.epochs)

# source: https://github.com/Weizhi-Zhong/IP_LAP/issues/44
# error: RuntimeError: Expected all tensors to be on the same device, but found at least two devices, cuda:0 and cpu!
# pattern: optimizer-state-before-placement
# shape: multi-file, loader-loop
# bug-lines: 32, 35
# needs: torch, numpy
# cpu: no written where torch was not installed; not run
import argparse
import os

import numpy as np
import torch
from torch.utils.data import DataLoader, TensorDataset

import checkpoint as ckpt
from checkpoint import load_checkpoint, save_checkpoint
from model import MIConformer


def make_loader(npz_path, batch_size, shuffle):
    data = np.load(npz_path)  # X: (N, 22, 1000) float32, y: (N,) int64
    ds = TensorDataset(torch.from_numpy(data["X"]), torch.from_numpy(data["y"]))
    return DataLoader(ds, batch_size=batch_size, shuffle=shuffle, drop_last=shuffle, num_workers=4, pin_memory=True)


def main(args):
    os.makedirs(args.checkpoint_dir, exist_ok=True)
    device = torch.device("cuda")
    model = MIConformer()
    optimizer = torch.optim.Adam(model.parameters(), lr=2e-4, betas=(0.5, 0.999))
    if args.resume:
        load_checkpoint(args.resume, model, optimizer, reset_optimizer=False)
    if torch.cuda.device_count() > 1:
        model = torch.nn.DataParallel(model)
    model = model.to(device)
    criterion = torch.nn.CrossEntropyLoss()

    train_loader = make_loader(args.train, 72, True)
    for epoch in range(ckpt.global_epoch, args.epochs):
        model.train()
        for x, y in train_loader:
            x, y = x.to(device, non_blocking=True), y.to(device, non_blocking=True)
            optimizer.zero_grad()
            loss = criterion(model(x), y)
            loss.backward()
            optimizer.step()
            ckpt.global_step += 1
        save_checkpoint(model, optimizer, ckpt.global_step, epoch + 1, args.checkpoint_dir)


if __name__ == "__main__":
    parser = argparse.ArgumentParser()
    parser.add_argument("--train", default="data/bci_iv_2a_train.npz")
    parser.add_argument("--checkpoint_dir", default="checkpoints/conformer")
    parser.add_argument("--resume", default=None)
    parser.add_argument("--epochs", type=int, default=2000)
    main(parser.parse_args())

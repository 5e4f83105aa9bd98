# source: https://github.com/mozilla/TTS/issues/115
# error: RuntimeError: expected type torch.FloatTensor but got torch.cuda.FloatTensor
# pattern: optimizer-state-before-placement
# shape: multi-file, loader-loop, helper
# looks-like: optimizer-state-before-placement
# needs: torch
# cpu: no written where torch was not installed; not run
import argparse
import os

import torch
from torch.utils.data import DataLoader, TensorDataset

from model import MiniTacotron, save_checkpoint

use_cuda = torch.cuda.is_available()


def setup_model_and_optimizer(args):
    model = MiniTacotron(num_chars=61, r=2)
    checkpoint = None
    if args.restore_path and os.path.isfile(args.restore_path):
        checkpoint = torch.load(args.restore_path, map_location="cpu")
        model.load_state_dict(checkpoint["model"])
        print(" > Model restored from step %d" % checkpoint["step"])
    if use_cuda:
        model = model.cuda()
    optimizer = torch.optim.Adam(model.parameters(), lr=args.lr, weight_decay=1e-6)
    if checkpoint is not None:
        optimizer.load_state_dict(checkpoint["optimizer"])
        for group in optimizer.param_groups:
            group["lr"] = args.lr
    step = checkpoint["step"] if checkpoint is not None else 0
    return model, optimizer, step


def train(model, optimizer, loader, step, args):
    criterion = torch.nn.L1Loss()
    model.train()
    for chars, mels in loader:
        if use_cuda:
            chars, mels = chars.cuda(non_blocking=True), mels.cuda(non_blocking=True)
        pred = model(chars, mels)
        loss = criterion(pred, mels[:, : pred.size(1)])
        optimizer.zero_grad()
        loss.backward()
        torch.nn.utils.clip_grad_norm_(model.parameters(), 1.0)
        optimizer.step()
        step += 1
        if step % args.save_step == 0:
            save_checkpoint(model, optimizer, step, os.path.join(args.output, "checkpoint_%d.pth.tar" % step))
    return step


if __name__ == "__main__":
    parser = argparse.ArgumentParser()
    parser.add_argument("--restore_path", default="")
    parser.add_argument("--output", default="runs")
    parser.add_argument("--lr", type=float, default=1e-4)
    parser.add_argument("--save_step", type=int, default=50)
    args = parser.parse_args()
    os.makedirs(args.output, exist_ok=True)
    data = TensorDataset(torch.randint(0, 61, (64, 40)), torch.randn(64, 120, 80))
    loader = DataLoader(data, batch_size=8, shuffle=True)
    model, optimizer, step = setup_model_and_optimizer(args)
    for epoch in range(3):
        step = train(model, optimizer, loader, step, args)
        print("epoch", epoch, "step", step)

# source: https://github.com/yyvhang/IAGNet/issues/4
# error: RuntimeError: Expected all tensors to be on the same device, but found at least two devices, cuda:0 and cpu!
# pattern: stale-alias
# shape: helper, loader-loop
# bug-lines: 38, 39
# cpu: clean
# needs: torch
import argparse
import os
import tempfile

import torch
import torch.nn as nn
from torch.utils.data import DataLoader, TensorDataset


def build_model():
    return nn.Sequential(nn.Linear(24, 64), nn.ReLU(), nn.Linear(64, 8))


def save_checkpoint(path, model, optimizer, epoch):
    torch.save({"model": model.state_dict(), "optimizer": optimizer.state_dict(), "epoch": epoch}, path)


def load_checkpoint(path, model, optimizer):
    ckpt = torch.load(path, map_location="cpu")
    model.load_state_dict(ckpt["model"])
    optimizer.load_state_dict(ckpt["optimizer"])
    return ckpt["epoch"] + 1


def main(opt):
    device = torch.device("cuda" if torch.cuda.is_available() and opt.use_gpu else "cpu")
    model = build_model()
    optimizer = torch.optim.Adam(model.parameters(), lr=opt.lr)
    start_epoch = 0
    if opt.resume and os.path.exists(opt.checkpoint):
        start_epoch = load_checkpoint(opt.checkpoint, model, optimizer)
    model = model.to(device)
    data = TensorDataset(torch.randn(64, 24), torch.rand(64, 8))
    loader = DataLoader(data, batch_size=16, shuffle=True)
    for epoch in range(start_epoch, start_epoch + opt.epochs):
        for points, target in loader:
            points, target = points.to(device), target.to(device)
            loss = nn.functional.binary_cross_entropy_with_logits(model(points), target)
            optimizer.zero_grad()
            loss.backward()
            optimizer.step()
        save_checkpoint(opt.checkpoint, model, optimizer, epoch)
        print(f"epoch {epoch}: {loss.item():.4f}")


if __name__ == "__main__":
    parser = argparse.ArgumentParser()
    parser.add_argument("--use_gpu", type=bool, default=True)
    parser.add_argument("--lr", type=float, default=1e-3)
    parser.add_argument("--epochs", type=int, default=1)
    parser.add_argument("--resume", type=bool, default=True)
    parser.add_argument("--checkpoint", default=os.path.join(tempfile.gettempdir(), "iagnet_best_seen.pt"))
    opt = parser.parse_args()
    main(opt)

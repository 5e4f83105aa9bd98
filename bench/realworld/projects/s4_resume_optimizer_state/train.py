# source: https://github.com/bohaohuang/mrs/pull/47 https://github.com/Lightning-AI/pytorch-lightning/issues/19225
# error: RuntimeError: Expected all tensors to be on the same device, but found at least two devices, cuda:0 and cpu!
# pattern: optimizer-state-before-placement
# shape: multi-file, helper, loader-loop
# bug-lines: 44, 45, 54
# cpu: clean
# needs: torch
import argparse
import os
import tempfile

import torch
import torch.nn.functional as F
from torch.utils.data import DataLoader, TensorDataset

from ckpt import load_checkpoint, save_checkpoint
from model import TinySegNet


def get_args():
    ap = argparse.ArgumentParser()
    ap.add_argument("--ckpt-dir", default=os.path.join(tempfile.gettempdir(), "segnet_run"))
    ap.add_argument("--epochs", type=int, default=2)
    ap.add_argument("--lr", type=float, default=1e-3)
    ap.add_argument("--device", default="cuda" if torch.cuda.is_available() else "cpu")
    return ap.parse_args()


def make_loader():
    imgs = torch.randn(16, 3, 32, 32)
    masks = torch.randint(0, 2, (16, 32, 32))
    return DataLoader(TensorDataset(imgs, masks), batch_size=4, shuffle=True)


def main():
    args = get_args()
    device = torch.device(args.device)
    ckpt_path = os.path.join(args.ckpt_dir, "last.pt")

    model = TinySegNet()
    optimizer = torch.optim.Adam(model.parameters(), lr=args.lr)
    start_epoch = 0
    if os.path.exists(ckpt_path):
        start_epoch = load_checkpoint(ckpt_path, model, optimizer)
    model.to(device)

    for epoch in range(start_epoch, start_epoch + args.epochs):
        model.train()
        for img, mask in make_loader():
            img, mask = img.to(device), mask.to(device)
            loss = F.cross_entropy(model(img), mask)
            optimizer.zero_grad()
            loss.backward()
            optimizer.step()
        save_checkpoint(ckpt_path, model, optimizer, epoch)
        print(f"epoch {epoch} loss {loss.item():.4f}")


if __name__ == "__main__":
    main()

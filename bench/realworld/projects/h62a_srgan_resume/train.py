# source: https://github.com/open-mmlab/mmengine/issues/1538
# error: RuntimeError: Expected all tensors to be on the same device, but found at least two devices, cuda:0 and cpu!
# pattern: optimizer-state-before-placement
# shape: multi-file, helper, loader-loop
# bug-lines: 21, 22, 40, 41, 42
# needs: torch, torchvision
# cpu: no written where torch was not installed; not run
import argparse

import torch
import torch.nn as nn

from data import build_loader
from models import PatchDiscriminator, SRGenerator


def resume(path, net_g, net_d, optim_g, optim_d):
    ckpt = torch.load(path, map_location="cpu")
    net_g.load_state_dict(ckpt["net_g"])
    net_d.load_state_dict(ckpt["net_d"])
    optim_g.load_state_dict(ckpt["optim_g"])
    optim_d.load_state_dict(ckpt["optim_d"])
    return ckpt["epoch"] + 1


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--gt-dir", required=True)
    parser.add_argument("--resume", default="")
    parser.add_argument("--epochs", type=int, default=100)
    args = parser.parse_args()

    device = torch.device("cuda" if torch.cuda.is_available() else "cpu")
    net_g, net_d = SRGenerator(), PatchDiscriminator()
    optim_g = torch.optim.Adam(net_g.parameters(), lr=1e-4, betas=(0.9, 0.99))
    optim_d = torch.optim.Adam(net_d.parameters(), lr=1e-4, betas=(0.9, 0.99))

    start_epoch = 0
    if args.resume:
        start_epoch = resume(args.resume, net_g, net_d, optim_g, optim_d)
    net_g.to(device)
    net_d.to(device)

    pixel_loss, gan_loss = nn.L1Loss(), nn.BCEWithLogitsLoss()
    loader = build_loader(args.gt_dir)
    for epoch in range(start_epoch, args.epochs):
        for batch in loader:
            lq, gt = batch["lq"].to(device), batch["gt"].to(device)
            sr = net_g(lq)

            optim_d.zero_grad()
            real, fake = net_d(gt), net_d(sr.detach())
            loss_d = gan_loss(real, torch.ones_like(real)) + gan_loss(fake, torch.zeros_like(fake))
            loss_d.backward()
            optim_d.step()

            optim_g.zero_grad()
            pred = net_d(sr)
            loss_g = pixel_loss(sr, gt) + 1e-3 * gan_loss(pred, torch.ones_like(pred))
            loss_g.backward()
            optim_g.step()
        torch.save({"net_g": net_g.state_dict(), "net_d": net_d.state_dict(),
                    "optim_g": optim_g.state_dict(), "optim_d": optim_d.state_dict(),
                    "epoch": epoch}, f"srgan_epoch{epoch}.pth")


if __name__ == "__main__":
    main()

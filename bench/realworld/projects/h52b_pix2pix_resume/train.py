# source: https://github.com/jwyang/faster-rcnn.pytorch/issues/325
# error: RuntimeError: Expected all tensors to be on the same device, but found at least two devices, cuda:0 and cpu!
# pattern: optimizer-state-before-placement
# shape: multi-file, helper
# bug-lines: 45, 46, 47
# needs: torch, torchvision
# cpu: no written where torch was not installed; not run
"""pix2pix (maps -> aerial) training with --resume support."""
import argparse

import torch
import torch.nn as nn
from torch.utils.data import DataLoader
from torchvision import transforms
from torchvision.datasets import ImageFolder

from checkpoint import resume_from, save_checkpoint
from networks import PatchDiscriminator, UNetGenerator


def split_pair(batch):
    images, _ = batch
    w = images.size(3) // 2
    return images[..., :w], images[..., w:]


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--dataroot", default="datasets/maps")
    parser.add_argument("--resume", default="")
    parser.add_argument("--epochs", type=int, default=200)
    parser.add_argument("--lambda_l1", type=float, default=100.0)
    args = parser.parse_args()

    device = torch.device("cuda" if torch.cuda.is_available() else "cpu")
    tf = transforms.Compose([transforms.Resize((256, 512)), transforms.ToTensor(),
                             transforms.Normalize([0.5] * 3, [0.5] * 3)])
    loader = DataLoader(ImageFolder(args.dataroot, transform=tf), batch_size=1, shuffle=True, num_workers=4)

    netG, netD = UNetGenerator(), PatchDiscriminator()
    optG = torch.optim.Adam(netG.parameters(), lr=2e-4, betas=(0.5, 0.999))
    optD = torch.optim.Adam(netD.parameters(), lr=2e-4, betas=(0.5, 0.999))
    start_epoch = 0
    if args.resume:
        start_epoch = resume_from(args.resume, netG, netD, optG, optD)
    netG.to(device)
    netD.to(device)

    gan_loss, l1_loss = nn.BCEWithLogitsLoss(), nn.L1Loss()
    for epoch in range(start_epoch, args.epochs):
        for batch in loader:
            real_A, real_B = (t.to(device) for t in split_pair(batch))
            fake_B = netG(real_A)

            pred_real = netD(real_A, real_B)
            pred_fake = netD(real_A, fake_B.detach())
            loss_D = 0.5 * (gan_loss(pred_real, torch.ones_like(pred_real)) +
                            gan_loss(pred_fake, torch.zeros_like(pred_fake)))
            optD.zero_grad()
            loss_D.backward()
            optD.step()

            pred_fake = netD(real_A, fake_B)
            loss_G = gan_loss(pred_fake, torch.ones_like(pred_fake)) + args.lambda_l1 * l1_loss(fake_B, real_B)
            optG.zero_grad()
            loss_G.backward()
            optG.step()
        print(f"epoch {epoch}: D {loss_D.item():.3f} G {loss_G.item():.3f}")
        save_checkpoint(f"checkpoints/maps_pix2pix_{epoch:03d}.pth", epoch, netG, netD, optG, optD)


if __name__ == "__main__":
    main()

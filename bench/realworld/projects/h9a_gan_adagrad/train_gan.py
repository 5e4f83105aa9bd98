# source: https://github.com/pytorch/pytorch/issues/2021
# error: RuntimeError: Expected all tensors to be on the same device, but found at least two devices, cuda:0 and cpu!
# pattern: optimizer-state-before-placement
# shape: multi-file, helper, loader-loop
# bug-lines: 35, 36, 37
# needs: torch, torchvision
# cpu: no written where torch was not installed; not run
"""Vanilla GAN on MNIST."""
import argparse

import torch
import torch.nn as nn
from torch.utils.data import DataLoader
from torchvision import datasets, transforms

from nets import Discriminator, Generator
from utils import build_optimizers, real_fake_labels, sample_noise


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--epochs", type=int, default=50)
    parser.add_argument("--bs", type=int, default=128)
    parser.add_argument("--n-latent", type=int, default=100)
    parser.add_argument("--gpu", action="store_true")
    args = parser.parse_args()
    device = torch.device("cuda" if args.gpu and torch.cuda.is_available() else "cpu")

    tf = transforms.Compose([transforms.ToTensor(), transforms.Normalize((0.5,), (0.5,))])
    loader = DataLoader(datasets.MNIST("data", download=True, transform=tf),
                        batch_size=args.bs, shuffle=True, drop_last=True)

    netG = Generator(args.n_latent)
    netD = Discriminator()
    optG, optD = build_optimizers(netG, netD)
    netG.to(device)
    netD.to(device)
    bce = nn.BCELoss()

    for epoch in range(args.epochs):
        for real, _ in loader:
            real = real.to(device)
            lab_real, lab_fake = real_fake_labels(args.bs, device)

            # discriminator step
            fake = netG(sample_noise(args.bs, args.n_latent, device))
            lossD = bce(netD(real), lab_real) + bce(netD(fake.detach()), lab_fake)
            optD.zero_grad()
            lossD.backward()
            optD.step()

            # generator step
            lossG = bce(netD(fake), lab_real)
            optG.zero_grad()
            lossG.backward()
            optG.step()
        print(f"[{epoch + 1}/{args.epochs}] lossD={lossD.item():.3f} lossG={lossG.item():.3f}")
    torch.save({"G": netG.state_dict(), "D": netD.state_dict()}, "gan_mnist.pt")


if __name__ == "__main__":
    main()

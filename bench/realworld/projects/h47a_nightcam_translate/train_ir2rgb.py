# source: https://github.com/sangyun884/HR-VITON/issues/47
# error: RuntimeError: Expected all tensors to be on the same device, but found at least two devices, cuda:0 and cpu!
# pattern: legacy-tensor-constructor
# shape: multi-file, loader-loop
# bug-lines: 32
# needs: torch
# cpu: no written where torch was not installed; not run
"""Unpaired IR(night) -> RGB(day) training for the camera-trap pipeline."""
import argparse

import torch
import torch.nn as nn
from torch.utils.data import DataLoader

from networks import GANLoss, PatchDiscriminator, ResnetGenerator
from trap_pairs import NightDayFrames


def get_opt():
    parser = argparse.ArgumentParser()
    parser.add_argument("--night_dir", default="data/ir_night")
    parser.add_argument("--day_dir", default="data/rgb_day")
    parser.add_argument("--gpu_ids", default="")
    parser.add_argument("--epochs", type=int, default=50)
    parser.add_argument("--lambda_l1", type=float, default=10.0)
    return parser.parse_args()


def train(opt):
    gen = ResnetGenerator().cuda()
    disc = PatchDiscriminator().cuda()
    criterion_gan = GANLoss(tensor=torch.cuda.FloatTensor if opt.gpu_ids else torch.Tensor)
    criterion_l1 = nn.L1Loss()
    opt_g = torch.optim.Adam(gen.parameters(), lr=2e-4, betas=(0.5, 0.999))
    opt_d = torch.optim.Adam(disc.parameters(), lr=2e-4, betas=(0.5, 0.999))
    loader = DataLoader(NightDayFrames(opt.night_dir, opt.day_dir), batch_size=4, shuffle=True)

    for epoch in range(opt.epochs):
        for night, day, night_gray in loader:
            night, day, night_gray = night.cuda(), day.cuda(), night_gray.cuda()
            fake_day = gen(night)

            loss_g = criterion_gan(disc(fake_day), True)
            loss_g = loss_g + opt.lambda_l1 * criterion_l1(fake_day.mean(1, keepdim=True), night_gray)
            opt_g.zero_grad()
            loss_g.backward()
            opt_g.step()

            loss_d = 0.5 * (criterion_gan(disc(day), True) + criterion_gan(disc(fake_day.detach()), False))
            opt_d.zero_grad()
            loss_d.backward()
            opt_d.step()
        print(f"epoch {epoch}: G {loss_g.item():.3f} D {loss_d.item():.3f}")
        torch.save(gen.state_dict(), f"checkpoints/ir2rgb_gen_{epoch:03d}.pt")


if __name__ == "__main__":
    train(get_opt())

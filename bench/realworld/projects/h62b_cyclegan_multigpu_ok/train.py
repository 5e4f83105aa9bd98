# source: https://github.com/aitorzip/PyTorch-CycleGAN/issues/7
# error: RuntimeError: module must have its parameters and buffers on device cuda:0 (device_ids[0]) but found one of them on device: cpu
# pattern: parallel-wrap-before-placement
# shape: multi-file, loader-loop, batch-dict
# looks-like: parallel-wrap-before-placement
# needs: torch
# cpu: no written where torch was not installed; not run
import argparse
import itertools

import torch
from torch import nn

from models import Discriminator, Generator


def build_nets(opt):
    nets = [Generator(opt.input_nc, opt.output_nc), Generator(opt.output_nc, opt.input_nc),
            Discriminator(opt.input_nc), Discriminator(opt.output_nc)]
    if opt.cuda and torch.cuda.device_count() > 1:
        print("Let's use", torch.cuda.device_count(), "GPUs!")
        nets = [nn.DataParallel(net) for net in nets]
    if opt.cuda:
        for net in nets:
            net.cuda()
    return nets


def main(opt, dataloader):
    netG_A2B, netG_B2A, netD_A, netD_B = build_nets(opt)
    optimizer_G = torch.optim.Adam(itertools.chain(netG_A2B.parameters(), netG_B2A.parameters()),
                                   lr=opt.lr, betas=(0.5, 0.999))
    optimizer_D = torch.optim.Adam(itertools.chain(netD_A.parameters(), netD_B.parameters()),
                                   lr=opt.lr, betas=(0.5, 0.999))
    mse, l1 = nn.MSELoss(), nn.L1Loss()

    for epoch in range(opt.n_epochs):
        for batch in dataloader:
            real_A = batch["A"].cuda() if opt.cuda else batch["A"]
            real_B = batch["B"].cuda() if opt.cuda else batch["B"]

            optimizer_G.zero_grad()
            fake_B = netG_A2B(real_A)
            fake_A = netG_B2A(real_B)
            pred_B, pred_A = netD_B(fake_B), netD_A(fake_A)
            loss_gan = mse(pred_B, torch.ones_like(pred_B)) + mse(pred_A, torch.ones_like(pred_A))
            loss_cycle = l1(netG_B2A(fake_B), real_A) + l1(netG_A2B(fake_A), real_B)
            loss_G = loss_gan + 10.0 * loss_cycle
            loss_G.backward()
            optimizer_G.step()

            optimizer_D.zero_grad()
            loss_D = 0.0
            for netD, real, fake in ((netD_A, real_A, fake_A), (netD_B, real_B, fake_B)):
                p_real, p_fake = netD(real), netD(fake.detach())
                loss_D = loss_D + 0.5 * (mse(p_real, torch.ones_like(p_real)) +
                                         mse(p_fake, torch.zeros_like(p_fake)))
            loss_D.backward()
            optimizer_D.step()
        print(f"epoch {epoch}: loss_G={loss_G.item():.4f} loss_D={loss_D.item():.4f}")


if __name__ == "__main__":
    parser = argparse.ArgumentParser()
    parser.add_argument("--input_nc", type=int, default=3)
    parser.add_argument("--output_nc", type=int, default=3)
    parser.add_argument("--lr", type=float, default=2e-4)
    parser.add_argument("--n_epochs", type=int, default=200)
    parser.add_argument("--cuda", action="store_true")
    parser.add_argument("--data", default="horse2zebra_train.pt")
    opt = parser.parse_args()
    loader = torch.utils.data.DataLoader(torch.load(opt.data), batch_size=1, shuffle=True)
    main(opt, loader)

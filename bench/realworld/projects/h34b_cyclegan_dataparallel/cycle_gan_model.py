# source: https://github.com/junyanz/pytorch-CycleGAN-and-pix2pix/issues/254
# error: RuntimeError: module must have its parameters and buffers on device cuda:0 (device_ids[0]) but found one of them on device: cpu
# pattern: parallel-wrap-before-placement
# shape: multi-file, class
# needs: torch
# cpu: no written where torch was not installed; not run
import itertools

import torch
import torch.nn as nn

import networks


class CycleGANModel:
    def __init__(self, gpu_ids=(0,), lr=2e-4, lambda_cyc=10.0, lambda_idt=0.5):
        self.gpu_ids = list(gpu_ids)
        self.device = torch.device(f"cuda:{self.gpu_ids[0]}") if self.gpu_ids else torch.device("cpu")
        self.netG_A = networks.define_G(3, 3, 64, self.gpu_ids)
        self.netG_B = networks.define_G(3, 3, 64, self.gpu_ids)
        self.netD_A = networks.define_D(3, 64, self.gpu_ids)
        self.netD_B = networks.define_D(3, 64, self.gpu_ids)
        self.crit_gan = nn.MSELoss()
        self.crit_l1 = nn.L1Loss()
        self.lambda_cyc, self.lambda_idt = lambda_cyc, lambda_idt
        self.opt_G = torch.optim.Adam(itertools.chain(self.netG_A.parameters(), self.netG_B.parameters()),
                                      lr=lr, betas=(0.5, 0.999))
        self.opt_D = torch.optim.Adam(itertools.chain(self.netD_A.parameters(), self.netD_B.parameters()),
                                      lr=lr, betas=(0.5, 0.999))

    def set_input(self, batch):
        self.real_A = batch["A"].to(self.device)
        self.real_B = batch["B"].to(self.device)

    def _gan_loss(self, pred, is_real):
        target = torch.ones_like(pred) if is_real else torch.zeros_like(pred)
        return self.crit_gan(pred, target)

    def backward_G(self):
        self.idt_A = self.netG_A(self.real_B)
        self.idt_B = self.netG_B(self.real_A)
        loss_idt = (self.crit_l1(self.idt_A, self.real_B) + self.crit_l1(self.idt_B, self.real_A)) * self.lambda_cyc * self.lambda_idt
        self.fake_B = self.netG_A(self.real_A)
        self.fake_A = self.netG_B(self.real_B)
        loss_gan = self._gan_loss(self.netD_A(self.fake_B), True) + self._gan_loss(self.netD_B(self.fake_A), True)
        loss_cyc = (self.crit_l1(self.netG_B(self.fake_B), self.real_A)
                    + self.crit_l1(self.netG_A(self.fake_A), self.real_B)) * self.lambda_cyc
        (loss_idt + loss_gan + loss_cyc).backward()

    def backward_D(self):
        loss = 0.0
        for netD, real, fake in ((self.netD_A, self.real_B, self.fake_B), (self.netD_B, self.real_A, self.fake_A)):
            loss = loss + 0.5 * (self._gan_loss(netD(real), True) + self._gan_loss(netD(fake.detach()), False))
        loss.backward()

    def optimize_parameters(self):
        self.opt_G.zero_grad()
        self.backward_G()
        self.opt_G.step()
        self.opt_D.zero_grad()
        self.backward_D()
        self.opt_D.step()

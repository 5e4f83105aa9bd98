# source: https://github.com/junyanz/pytorch-CycleGAN-and-pix2pix/issues/397
# error: RuntimeError: Input type (torch.cuda.FloatTensor) and weight type (torch.FloatTensor) should be the same
# pattern: module-not-placed
# shape: multi-file, class
# bug-lines: 23, 39, 40
# needs: torch
# cpu: no written where torch was not installed; not run
"""CycleGAN with a lighter backward generator (netG_B)."""
import itertools

import torch
import torch.nn as nn

from networks import define_D, define_G, define_G_light


class CycleGANModel:
    def __init__(self, opt):
        self.gpu_ids = opt.gpu_ids
        self.device = torch.device(f"cuda:{opt.gpu_ids[0]}") if opt.gpu_ids else torch.device("cpu")
        self.lambda_cyc = opt.lambda_cyc
        self.netG_A = define_G(3, 3, opt.ngf, 9, self.gpu_ids)
        self.netG_B = define_G_light(3, 3)
        self.netD_A = define_D(3, opt.ndf, self.gpu_ids)
        self.netD_B = define_D(3, opt.ndf, self.gpu_ids)
        self.criterionGAN = nn.MSELoss()
        self.criterionCycle = nn.L1Loss()
        g_params = itertools.chain(self.netG_A.parameters(), self.netG_B.parameters())
        d_params = itertools.chain(self.netD_A.parameters(), self.netD_B.parameters())
        self.optimizer_G = torch.optim.Adam(g_params, lr=opt.lr, betas=(0.5, 0.999))
        self.optimizer_D = torch.optim.Adam(d_params, lr=opt.lr, betas=(0.5, 0.999))

    def set_input(self, batch):
        self.real_A = batch["A"].to(self.device)
        self.real_B = batch["B"].to(self.device)

    def forward(self):
        self.fake_B = self.netG_A(self.real_A)
        self.rec_A = self.netG_B(self.fake_B)
        self.fake_A = self.netG_B(self.real_B)
        self.rec_B = self.netG_A(self.fake_A)

    def _gan_loss(self, pred, is_real):
        return self.criterionGAN(pred, torch.full_like(pred, 1.0 if is_real else 0.0))

    def optimize_parameters(self):
        self.forward()
        self.optimizer_G.zero_grad()
        loss_G = (self._gan_loss(self.netD_A(self.fake_B), True) + self._gan_loss(self.netD_B(self.fake_A), True)
                  + self.lambda_cyc * (self.criterionCycle(self.rec_A, self.real_A)
                                       + self.criterionCycle(self.rec_B, self.real_B)))
        loss_G.backward()
        self.optimizer_G.step()
        self.optimizer_D.zero_grad()
        loss_D = 0.5 * (self._gan_loss(self.netD_A(self.real_B), True) + self._gan_loss(self.netD_A(self.fake_B.detach()), False)
                        + self._gan_loss(self.netD_B(self.real_A), True) + self._gan_loss(self.netD_B(self.fake_A.detach()), False))
        loss_D.backward()
        self.optimizer_D.step()
        return loss_G.item(), loss_D.item()

# source: https://github.com/junyanz/pytorch-CycleGAN-and-pix2pix/issues/252
# error: TypeError: Broadcast function not implemented for CPU tensors
# pattern: parallel-wrap-before-placement
# shape: multi-file, class, batch-dict
# needs: torch
# cpu: no written where torch was not installed; not run
import torch
import torch.nn as nn

import networks


class Pix2PixModel:
    def __init__(self, opt):
        self.opt = opt
        self.gpu_ids = opt.gpu_ids
        self.device = torch.device(f"cuda:{self.gpu_ids[0]}") if self.gpu_ids else torch.device("cpu")
        self.netG = networks.define_G(opt.input_nc, opt.output_nc, opt.ngf, gpu_ids=self.gpu_ids)
        self.netD = networks.define_D(opt.input_nc + opt.output_nc, opt.ndf, gpu_ids=self.gpu_ids)
        self.criterionGAN = nn.MSELoss()
        self.criterionL1 = nn.L1Loss()
        self.optimizer_G = torch.optim.Adam(self.netG.parameters(), lr=opt.lr, betas=(0.5, 0.999))
        self.optimizer_D = torch.optim.Adam(self.netD.parameters(), lr=opt.lr, betas=(0.5, 0.999))

    def set_input(self, data):
        self.real_A = data["A"].to(self.device)
        self.real_B = data["B"].to(self.device)

    def forward(self):
        self.fake_B = self.netG(self.real_A)

    def backward_D(self):
        pred_fake = self.netD(torch.cat((self.real_A, self.fake_B.detach()), 1))
        pred_real = self.netD(torch.cat((self.real_A, self.real_B), 1))
        loss_D = 0.5 * (self.criterionGAN(pred_fake, torch.zeros_like(pred_fake))
                        + self.criterionGAN(pred_real, torch.ones_like(pred_real)))
        loss_D.backward()

    def backward_G(self):
        pred_fake = self.netD(torch.cat((self.real_A, self.fake_B), 1))
        loss_G = self.criterionGAN(pred_fake, torch.ones_like(pred_fake))
        loss_G = loss_G + self.criterionL1(self.fake_B, self.real_B) * self.opt.lambda_L1
        loss_G.backward()
        return loss_G

    def optimize_parameters(self):
        self.forward()
        self.optimizer_D.zero_grad()
        self.backward_D()
        self.optimizer_D.step()
        self.optimizer_G.zero_grad()
        loss_G = self.backward_G()
        self.optimizer_G.step()
        return loss_G.item()

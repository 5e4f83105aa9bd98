# source: https://github.com/junyanz/pytorch-CycleGAN-and-pix2pix/issues/22
# error: RuntimeError: Assertion `THCTensor_(checkGPU)(...)' failed. Some of weight/gradient/input tensors are located on different GPUs
# pattern: legacy-tensor-constructor
# shape: multi-file, class
# bug-lines: 19
# cpu: clean
# needs: torch
import itertools

import torch

import networks


class Pix2PixModel:
    def initialize(self, opt):
        self.opt = opt
        self.gpu_ids = opt.gpu_ids
        self.Tensor = torch.cuda.FloatTensor if self.gpu_ids else torch.Tensor
        self.netG = networks.define_G(opt.input_nc, opt.output_nc, gpu_ids=self.gpu_ids)
        self.netD = networks.define_D(opt.input_nc + opt.output_nc, gpu_ids=self.gpu_ids)

        self.criterionGAN = networks.GANLoss(use_lsgan=not opt.no_lsgan, tensor=self.Tensor)
        self.criterionL1 = torch.nn.L1Loss()
        self.optimizer_G = torch.optim.Adam(self.netG.parameters(), lr=opt.lr, betas=(0.5, 0.999))
        self.optimizer_D = torch.optim.Adam(itertools.chain(self.netD.parameters()),
                                            lr=opt.lr, betas=(0.5, 0.999))
        return self

    def set_input(self, batch):
        real_A, real_B = batch
        if len(self.gpu_ids) > 0:
            real_A = real_A.cuda(self.gpu_ids[0], non_blocking=True)
            real_B = real_B.cuda(self.gpu_ids[0], non_blocking=True)
        self.real_A, self.real_B = real_A, real_B

    def backward_D(self):
        fake_AB = torch.cat((self.real_A, self.fake_B), 1)
        loss_D_fake = self.criterionGAN(self.netD(fake_AB.detach()), False)
        real_AB = torch.cat((self.real_A, self.real_B), 1)
        loss_D_real = self.criterionGAN(self.netD(real_AB), True)
        self.loss_D = (loss_D_fake + loss_D_real) * 0.5
        self.loss_D.backward()

    def backward_G(self):
        fake_AB = torch.cat((self.real_A, self.fake_B), 1)
        loss_G_GAN = self.criterionGAN(self.netD(fake_AB), True)
        loss_G_L1 = self.criterionL1(self.fake_B, self.real_B) * self.opt.lambda_A
        self.loss_G = loss_G_GAN + loss_G_L1
        self.loss_G.backward()

    def optimize_parameters(self):
        self.fake_B = self.netG(self.real_A)
        self.optimizer_D.zero_grad()
        self.backward_D()
        self.optimizer_D.step()
        self.optimizer_G.zero_grad()
        self.backward_G()
        self.optimizer_G.step()

# source: https://github.com/junyanz/pytorch-CycleGAN-and-pix2pix/issues/259
# error: RuntimeError: Input type (CUDAFloatTensor) and weight type (CPUFloatTensor) should be the same
# pattern: module-not-placed
# shape: class, helper
# looks-like: module-not-placed
# needs: torch
# cpu: no written where torch was not installed; not run
"""pix2pix model wrapper: networks are placed by init_net(), not by the caller."""
import torch
import torch.nn as nn


def init_weights(net, gain=0.02):
    def init_fn(m):
        if isinstance(m, (nn.Conv2d, nn.ConvTranspose2d)):
            nn.init.normal_(m.weight, 0.0, gain)
            if m.bias is not None:
                nn.init.zeros_(m.bias)
        elif isinstance(m, nn.BatchNorm2d):
            nn.init.normal_(m.weight, 1.0, gain)
            nn.init.zeros_(m.bias)
    net.apply(init_fn)


def init_net(net, gpu_ids):
    if gpu_ids:
        net.to(torch.device(f"cuda:{gpu_ids[0]}"))
        if len(gpu_ids) > 1:
            net = nn.DataParallel(net, device_ids=gpu_ids)
    init_weights(net)
    return net


def define_G(in_nc, out_nc, ngf, gpu_ids):
    net = nn.Sequential(
        nn.Conv2d(in_nc, ngf, 4, 2, 1), nn.LeakyReLU(0.2, True),
        nn.Conv2d(ngf, ngf * 2, 4, 2, 1), nn.BatchNorm2d(ngf * 2), nn.LeakyReLU(0.2, True),
        nn.ConvTranspose2d(ngf * 2, ngf, 4, 2, 1), nn.BatchNorm2d(ngf), nn.ReLU(True),
        nn.ConvTranspose2d(ngf, out_nc, 4, 2, 1), nn.Tanh(),
    )
    return init_net(net, gpu_ids)


def define_D(in_nc, ndf, gpu_ids):
    net = nn.Sequential(
        nn.Conv2d(in_nc, ndf, 4, 2, 1), nn.LeakyReLU(0.2, True),
        nn.Conv2d(ndf, ndf * 2, 4, 2, 1), nn.BatchNorm2d(ndf * 2), nn.LeakyReLU(0.2, True),
        nn.Conv2d(ndf * 2, 1, 4, 1, 1),
    )
    return init_net(net, gpu_ids)


class Pix2PixModel:
    def __init__(self, gpu_ids=(0,), is_train=True, lambda_l1=100.0):
        self.gpu_ids = list(gpu_ids)
        self.device = torch.device(f"cuda:{self.gpu_ids[0]}") if self.gpu_ids else torch.device("cpu")
        self.is_train = is_train
        self.netG = define_G(3, 3, 64, self.gpu_ids)
        if is_train:
            self.netD = define_D(6, 64, self.gpu_ids)
            self.criterionGAN = nn.MSELoss()
            self.criterionL1 = nn.L1Loss()
            self.lambda_l1 = lambda_l1
            self.optimizer_G = torch.optim.Adam(self.netG.parameters(), lr=2e-4, betas=(0.5, 0.999))
            self.optimizer_D = torch.optim.Adam(self.netD.parameters(), lr=2e-4, betas=(0.5, 0.999))

    def set_input(self, batch):
        self.real_A = batch["A"].to(self.device)
        self.real_B = batch["B"].to(self.device)

    def forward(self):
        self.fake_B = self.netG(self.real_A)

    def optimize_parameters(self):
        self.forward()
        pred_fake = self.netD(torch.cat([self.real_A, self.fake_B.detach()], 1))
        pred_real = self.netD(torch.cat([self.real_A, self.real_B], 1))
        loss_D = 0.5 * (self.criterionGAN(pred_fake, torch.zeros_like(pred_fake)) +
                        self.criterionGAN(pred_real, torch.ones_like(pred_real)))
        self.optimizer_D.zero_grad()
        loss_D.backward()
        self.optimizer_D.step()

        pred_fake = self.netD(torch.cat([self.real_A, self.fake_B], 1))
        loss_G = self.criterionGAN(pred_fake, torch.ones_like(pred_fake)) + \
            self.lambda_l1 * self.criterionL1(self.fake_B, self.real_B)
        self.optimizer_G.zero_grad()
        loss_G.backward()
        self.optimizer_G.step()
        return loss_D.item(), loss_G.item()

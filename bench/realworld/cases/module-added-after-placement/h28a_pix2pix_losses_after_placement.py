# source: https://github.com/junyanz/pytorch-CycleGAN-and-pix2pix/issues/502
# error: RuntimeError: Input type (torch.cuda.FloatTensor) and weight type (torch.FloatTensor) should be the same
# pattern: module-added-after-placement
# shape: class
# looks-like: module-added-after-placement
# needs: torch
# cpu: no written where torch was not installed; not run
"""pix2pix-style model: generator placed first, discriminator and criteria attached afterwards."""
import torch
import torch.nn as nn


def define_G(in_nc=3, out_nc=3, ngf=32):
    return nn.Sequential(
        nn.Conv2d(in_nc, ngf, 4, 2, 1), nn.LeakyReLU(0.2),
        nn.ConvTranspose2d(ngf, out_nc, 4, 2, 1), nn.Tanh(),
    )


def define_D(in_nc=6, ndf=32):
    return nn.Sequential(
        nn.Conv2d(in_nc, ndf, 4, 2, 1), nn.LeakyReLU(0.2), nn.Conv2d(ndf, 1, 4, 1, 1)
    )


class GANLoss(nn.Module):
    def __init__(self, target_real=1.0, target_fake=0.0):
        super().__init__()
        self.register_buffer("real_label", torch.tensor(target_real))
        self.register_buffer("fake_label", torch.tensor(target_fake))
        self.loss = nn.BCEWithLogitsLoss()

    def forward(self, prediction, target_is_real):
        label = self.real_label if target_is_real else self.fake_label
        return self.loss(prediction, label.expand_as(prediction))


class Pix2PixModel:
    def __init__(self, device, is_train=True, lambda_l1=100.0):
        self.device = device
        self.lambda_l1 = lambda_l1
        self.netG = define_G().to(self.device)
        if is_train:
            self.netD = define_D().to(self.device)
            self.criterionGAN = GANLoss().to(self.device)
            self.criterionL1 = torch.nn.L1Loss()
            self.upsample = nn.Upsample(scale_factor=2, mode="bilinear", align_corners=False)
            self.optimizer_G = torch.optim.Adam(self.netG.parameters(), lr=2e-4, betas=(0.5, 0.999))
            self.optimizer_D = torch.optim.Adam(self.netD.parameters(), lr=2e-4, betas=(0.5, 0.999))

    def set_input(self, batch):
        self.real_A = batch["A"].to(self.device)
        self.real_B = batch["B"].to(self.device)

    def optimize_parameters(self):
        fake_B = self.netG(self.real_A)
        self.optimizer_D.zero_grad()
        pred_fake = self.netD(torch.cat([self.real_A, fake_B.detach()], 1))
        pred_real = self.netD(torch.cat([self.real_A, self.real_B], 1))
        loss_D = 0.5 * (self.criterionGAN(pred_fake, False) + self.criterionGAN(pred_real, True))
        loss_D.backward()
        self.optimizer_D.step()
        self.optimizer_G.zero_grad()
        pred_fake = self.netD(torch.cat([self.real_A, fake_B], 1))
        low_res = self.upsample(nn.functional.avg_pool2d(self.real_B, 2))
        loss_G = self.criterionGAN(pred_fake, True) + self.lambda_l1 * self.criterionL1(fake_B, low_res)
        loss_G.backward()
        self.optimizer_G.step()
        return loss_D.item(), loss_G.item()


if __name__ == "__main__":
    dev = torch.device("cuda" if torch.cuda.is_available() else "cpu")
    model = Pix2PixModel(dev)
    for _ in range(3):
        model.set_input({"A": torch.randn(4, 3, 64, 64), "B": torch.randn(4, 3, 64, 64)})
        print(model.optimize_parameters())

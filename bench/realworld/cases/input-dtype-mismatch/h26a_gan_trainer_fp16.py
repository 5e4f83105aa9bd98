# source: https://github.com/fastai/fastai/issues/2281
# error: RuntimeError: Input type (torch.cuda.FloatTensor) and weight type (torch.cuda.HalfTensor) should be the same
# pattern: input-dtype-mismatch
# shape: class, loader-loop
# bug-lines: 43
# needs: torch, torchvision
# cpu: no written where torch was not installed; not run
import torch
import torch.nn as nn
import torchvision.transforms as T
from torch.utils.data import DataLoader
from torchvision.datasets import CIFAR10


def conv_block(cin, cout, transpose=False):
    conv = nn.ConvTranspose2d if transpose else nn.Conv2d
    act = nn.ReLU(True) if transpose else nn.LeakyReLU(0.2, True)
    return nn.Sequential(conv(cin, cout, 4, 2, 1, bias=False), nn.BatchNorm2d(cout), act)


class GANTrainer:
    def __init__(self, device, nz=128, nf=64, lr=2e-4, fp16=True):
        self.device, self.nz, self.fp16 = device, nz, fp16
        self.netG = nn.Sequential(nn.ConvTranspose2d(nz, nf * 4, 4, 1, 0), conv_block(nf * 4, nf * 2, True),
                                  conv_block(nf * 2, nf, True), nn.ConvTranspose2d(nf, 3, 4, 2, 1), nn.Tanh())
        self.netD = nn.Sequential(nn.Conv2d(3, nf, 4, 2, 1), conv_block(nf, nf * 2), conv_block(nf * 2, nf * 4),
                                  nn.Conv2d(nf * 4, 1, 4, 1, 0), nn.Flatten())
        self.netG.to(device)
        self.netD.to(device)
        if fp16:
            self.netG.half()
            self.netD.half()
        self.optG = torch.optim.Adam(self.netG.parameters(), lr, betas=(0.5, 0.99), eps=1e-4)
        self.optD = torch.optim.Adam(self.netD.parameters(), lr, betas=(0.5, 0.99), eps=1e-4)
        self.crit = nn.BCEWithLogitsLoss()

    def noise(self, n):
        dtype = torch.half if self.fp16 else torch.float
        return torch.randn(n, self.nz, 1, 1, device=self.device, dtype=dtype)

    def d_step(self, real):
        self.optD.zero_grad()
        d_real = self.netD(real)
        d_fake = self.netD(self.netG(self.noise(real.size(0))).detach())
        loss = self.crit(d_real, torch.ones_like(d_real)) + self.crit(d_fake, torch.zeros_like(d_fake))
        loss.backward()
        self.optD.step()
        return loss.item()

    def g_step(self, n):
        self.optG.zero_grad()
        d_fake = self.netD(self.netG(self.noise(n)))
        loss = self.crit(d_fake, torch.ones_like(d_fake))
        loss.backward()
        self.optG.step()
        return loss.item()

    def fit(self, loader, epochs):
        for epoch in range(epochs):
            for i, (real, _) in enumerate(loader):
                real = real.to(self.device, non_blocking=True)
                loss_d = self.d_step(real)
                loss_g = self.g_step(real.size(0))
                if i % 100 == 0:
                    print(f"epoch {epoch} it {i} loss_D {loss_d:.3f} loss_G {loss_g:.3f}")


if __name__ == "__main__":
    tf = T.Compose([T.ToTensor(), T.Normalize((0.5,) * 3, (0.5,) * 3)])
    loader = DataLoader(CIFAR10("data", train=True, download=True, transform=tf), batch_size=128,
                        shuffle=True, num_workers=4, pin_memory=True, drop_last=True)
    trainer = GANTrainer(torch.device("cuda"))
    trainer.fit(loader, epochs=20)

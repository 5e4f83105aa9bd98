# source: https://github.com/pytorch/pytorch/issues/45373
# error: RuntimeError: Found dtype Long but expected Float
# pattern: loss-target-dtype
# shape: helper, loader-loop
# bug-lines: 40, 42
# cpu: raises "Found dtype Long but expected Float"
# needs: torch
import torch
import torch.nn as nn
from torch.utils.data import DataLoader, TensorDataset

nz, ngf, ndf, nc = 8, 8, 8, 1
real_label = 1
fake_label = 0


class Generator(nn.Module):
    def __init__(self):
        super().__init__()
        self.main = nn.Sequential(nn.ConvTranspose2d(nz, ngf, 4, 1, 0), nn.ReLU(True),
                                  nn.ConvTranspose2d(ngf, nc, 4, 2, 1), nn.Tanh())

    def forward(self, x):
        return self.main(x)


class Discriminator(nn.Module):
    def __init__(self):
        super().__init__()
        self.main = nn.Sequential(nn.Conv2d(nc, ndf, 4, 2, 1), nn.LeakyReLU(0.2, True),
                                  nn.Conv2d(ndf, 1, 4, 1, 0), nn.Sigmoid())

    def forward(self, x):
        return self.main(x)


def discriminator_step(netD, netG, real_cpu, criterion, optimizerD, device):
    netD.zero_grad()
    b_size = real_cpu.size(0)
    label = torch.full((b_size,), real_label, device=device)
    output = netD(real_cpu).view(-1)
    errD_real = criterion(output, label)
    errD_real.backward()
    noise = torch.randn(b_size, nz, 1, 1, device=device)
    fake = netG(noise)
    label.fill_(fake_label)
    errD_fake = criterion(netD(fake.detach()).view(-1), label)
    errD_fake.backward()
    optimizerD.step()
    return errD_real + errD_fake


if __name__ == "__main__":
    device = torch.device("cuda:0" if torch.cuda.is_available() else "cpu")
    dataloader = DataLoader(TensorDataset(torch.rand(16, nc, 8, 8) * 2 - 1), batch_size=4, shuffle=True)
    netG, netD = Generator().to(device), Discriminator().to(device)
    criterion = nn.BCELoss()
    optimizerD = torch.optim.Adam(netD.parameters(), lr=2e-4, betas=(0.5, 0.999))
    for epoch in range(1):
        for i, data in enumerate(dataloader, 0):
            real_cpu = data[0].to(device)
            errD = discriminator_step(netD, netG, real_cpu, criterion, optimizerD, device)
            print(epoch, i, errD.item())

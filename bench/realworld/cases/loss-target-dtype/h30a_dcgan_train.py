# source: https://github.com/PacktPublishing/Hands-On-Generative-Adversarial-Networks-with-PyTorch-1.x/issues/4
# error: RuntimeError: Found dtype Long but expected Float
# pattern: loss-target-dtype
# shape: helper, loader-loop
# bug-lines: 45, 46, 65, 68, 73
# needs: torch, torchvision
# cpu: no written where torch was not installed; not run
import torch
import torch.nn as nn
import torchvision.datasets as dset
import torchvision.transforms as transforms
from torch.utils.data import DataLoader

Z_DIM = 100
BATCH_SIZE = 128
REAL_LABEL, FAKE_LABEL = 1, 0
device = torch.device("cuda:0" if torch.cuda.is_available() else "cpu")


class Generator(nn.Module):
    def __init__(self):
        super().__init__()
        self.main = nn.Sequential(
            nn.ConvTranspose2d(Z_DIM, 256, 7, 1, 0, bias=False), nn.BatchNorm2d(256), nn.ReLU(True),
            nn.ConvTranspose2d(256, 128, 4, 2, 1, bias=False), nn.BatchNorm2d(128), nn.ReLU(True),
            nn.ConvTranspose2d(128, 1, 4, 2, 1, bias=False), nn.Tanh())

    def forward(self, z):
        return self.main(z)


class Discriminator(nn.Module):
    def __init__(self):
        super().__init__()
        self.main = nn.Sequential(
            nn.Conv2d(1, 64, 4, 2, 1, bias=False), nn.LeakyReLU(0.2, True),
            nn.Conv2d(64, 128, 4, 2, 1, bias=False), nn.BatchNorm2d(128), nn.LeakyReLU(0.2, True),
            nn.Conv2d(128, 1, 7, 1, 0, bias=False), nn.Sigmoid())

    def forward(self, x):
        return self.main(x).view(-1)


def make_labels(batch_size):
    real = torch.full((batch_size,), REAL_LABEL, device=device)
    fake = torch.full((batch_size,), FAKE_LABEL, device=device)
    return real, fake


def train(num_epochs=25):
    tf = transforms.Compose([transforms.ToTensor(), transforms.Normalize((0.5,), (0.5,))])
    loader = DataLoader(dset.MNIST("data", download=True, transform=tf),
                        batch_size=BATCH_SIZE, shuffle=True, drop_last=True)
    netG, netD = Generator().to(device), Discriminator().to(device)
    criterion = nn.BCELoss()
    optD = torch.optim.Adam(netD.parameters(), lr=2e-4, betas=(0.5, 0.999))
    optG = torch.optim.Adam(netG.parameters(), lr=2e-4, betas=(0.5, 0.999))

    for epoch in range(num_epochs):
        for i, (x_real, _) in enumerate(loader):
            x_real = x_real.to(device)
            real_label, fake_label = make_labels(x_real.size(0))

            netD.zero_grad()
            loss_D_real = criterion(netD(x_real), real_label)
            z = torch.randn(x_real.size(0), Z_DIM, 1, 1, device=device)
            x_fake = netG(z)
            loss_D_fake = criterion(netD(x_fake.detach()), fake_label)
            (loss_D_real + loss_D_fake).backward()
            optD.step()

            netG.zero_grad()
            loss_G = criterion(netD(x_fake), real_label)
            loss_G.backward()
            optG.step()
        print(f"[{epoch}] D={loss_D_real + loss_D_fake:.4f} G={loss_G:.4f}")


if __name__ == "__main__":
    train()

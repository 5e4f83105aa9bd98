# source: https://github.com/shivamswarnkar/Image-Generator/issues/1
# error: RuntimeError: Found dtype Long but expected Float
# pattern: loss-target-dtype
# shape: helper, loader-loop
# bug-lines: 19, 54, 58, 64
# needs: torch, torchvision
# cpu: no written where torch was not installed; not run
import torch
import torch.nn as nn
import torchvision.datasets as dset
import torchvision.transforms as T
from torch.utils.data import DataLoader

REAL_LABEL, FAKE_LABEL = 1, 0
NZ = 100


def make_labels(n, value, device):
    return torch.full((n,), value, device=device)


def build_models(nz=NZ, nf=64):
    netG = nn.Sequential(
        nn.ConvTranspose2d(nz, nf * 8, 4, 1, 0, bias=False), nn.BatchNorm2d(nf * 8), nn.ReLU(True),
        nn.ConvTranspose2d(nf * 8, nf * 4, 4, 2, 1, bias=False), nn.BatchNorm2d(nf * 4), nn.ReLU(True),
        nn.ConvTranspose2d(nf * 4, nf * 2, 4, 2, 1, bias=False), nn.BatchNorm2d(nf * 2), nn.ReLU(True),
        nn.ConvTranspose2d(nf * 2, nf, 4, 2, 1, bias=False), nn.BatchNorm2d(nf), nn.ReLU(True),
        nn.ConvTranspose2d(nf, 3, 4, 2, 1, bias=False), nn.Tanh())
    netD = nn.Sequential(
        nn.Conv2d(3, nf, 4, 2, 1, bias=False), nn.LeakyReLU(0.2, True),
        nn.Conv2d(nf, nf * 2, 4, 2, 1, bias=False), nn.BatchNorm2d(nf * 2), nn.LeakyReLU(0.2, True),
        nn.Conv2d(nf * 2, nf * 4, 4, 2, 1, bias=False), nn.BatchNorm2d(nf * 4), nn.LeakyReLU(0.2, True),
        nn.Conv2d(nf * 4, nf * 8, 4, 2, 1, bias=False), nn.BatchNorm2d(nf * 8), nn.LeakyReLU(0.2, True),
        nn.Conv2d(nf * 8, 1, 4, 1, 0, bias=False), nn.Sigmoid())
    return netG, netD


def train_gan(dataroot, num_epochs=25, batch_size=128, lr=2e-4):
    device = torch.device("cuda:0" if torch.cuda.is_available() else "cpu")
    tf = T.Compose([T.Resize(64), T.CenterCrop(64), T.ToTensor(), T.Normalize((0.5,) * 3, (0.5,) * 3)])
    loader = DataLoader(dset.ImageFolder(dataroot, transform=tf), batch_size=batch_size, shuffle=True, num_workers=2)
    netG, netD = (m.to(device) for m in build_models())
    criterion = nn.BCELoss()
    optD = torch.optim.Adam(netD.parameters(), lr=lr, betas=(0.5, 0.999))
    optG = torch.optim.Adam(netG.parameters(), lr=lr, betas=(0.5, 0.999))

    print("Starting Training Loop....")
    for epoch in range(num_epochs):
        for i, (real, _) in enumerate(loader):
            real = real.to(device)
            b = real.size(0)
            netD.zero_grad()
            labels = make_labels(b, REAL_LABEL, device)
            errD_real = criterion(netD(real).view(-1), labels)
            errD_real.backward()
            fake = netG(torch.randn(b, NZ, 1, 1, device=device))
            labels = make_labels(b, FAKE_LABEL, device)
            errD_fake = criterion(netD(fake.detach()).view(-1), labels)
            errD_fake.backward()
            optD.step()

            netG.zero_grad()
            labels = make_labels(b, REAL_LABEL, device)
            errG = criterion(netD(fake).view(-1), labels)
            errG.backward()
            optG.step()
            if i % 50 == 0:
                print(f"[{epoch}/{num_epochs}][{i}/{len(loader)}] "
                      f"Loss_D: {(errD_real + errD_fake).item():.4f} Loss_G: {errG.item():.4f}")


if __name__ == "__main__":
    train_gan("./data/NFT")

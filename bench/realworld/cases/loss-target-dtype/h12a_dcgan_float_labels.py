# source: https://github.com/AKASHKADEL/dcgan-mnist/pull/2
# error: RuntimeError: Found dtype Long but expected Float
# pattern: loss-target-dtype
# looks-like: loss-target-dtype
# shape: loader-loop
# needs: torch, torchvision
# cpu: no written where torch was not installed; not run
import torch
import torch.nn as nn
from torch.utils.data import DataLoader
from torchvision import datasets, transforms

nz, ngf, ndf = 100, 32, 32
real_label = 1.0
fake_label = 0.0

generator = nn.Sequential(
    nn.ConvTranspose2d(nz, ngf * 4, 4, 1, 0, bias=False), nn.BatchNorm2d(ngf * 4), nn.ReLU(True),
    nn.ConvTranspose2d(ngf * 4, ngf * 2, 3, 2, 1, bias=False), nn.BatchNorm2d(ngf * 2), nn.ReLU(True),
    nn.ConvTranspose2d(ngf * 2, ngf, 4, 2, 1, bias=False), nn.BatchNorm2d(ngf), nn.ReLU(True),
    nn.ConvTranspose2d(ngf, 1, 4, 2, 1, bias=False), nn.Tanh(),
)
discriminator = nn.Sequential(
    nn.Conv2d(1, ndf, 4, 2, 1, bias=False), nn.LeakyReLU(0.2, inplace=True),
    nn.Conv2d(ndf, ndf * 2, 4, 2, 1, bias=False), nn.BatchNorm2d(ndf * 2), nn.LeakyReLU(0.2, inplace=True),
    nn.Conv2d(ndf * 2, 1, 7, 1, 0, bias=False), nn.Sigmoid(),
)

device = torch.device("cuda" if torch.cuda.is_available() else "cpu")
generator, discriminator = generator.to(device), discriminator.to(device)
criterion = nn.BCELoss()
opt_d = torch.optim.Adam(discriminator.parameters(), lr=2e-4, betas=(0.5, 0.999))
opt_g = torch.optim.Adam(generator.parameters(), lr=2e-4, betas=(0.5, 0.999))
transform = transforms.Compose([transforms.ToTensor(), transforms.Normalize((0.5,), (0.5,))])
loader = DataLoader(datasets.MNIST("data", train=True, download=True, transform=transform), batch_size=128, shuffle=True)

for epoch in range(25):
    for i, (images, _) in enumerate(loader):
        images = images.to(device)
        b = images.size(0)
        label = torch.full((b,), real_label, device=device)
        output = discriminator(images).view(-1)
        loss_d_real = criterion(output, label)
        noise = torch.randn(b, nz, 1, 1, device=device)
        fake = generator(noise)
        label.fill_(fake_label)
        output = discriminator(fake.detach()).view(-1)
        loss_d_fake = criterion(output, label)
        opt_d.zero_grad()
        (loss_d_real + loss_d_fake).backward()
        opt_d.step()
        label.fill_(real_label)
        output = discriminator(fake).view(-1)
        loss_g = criterion(output, label)
        opt_g.zero_grad()
        loss_g.backward()
        opt_g.step()
        if i % 100 == 0:
            print(f"[{epoch}/{25}][{i}/{len(loader)}] D {loss_d_real.item() + loss_d_fake.item():.4f} G {loss_g.item():.4f}")

# source: https://github.com/pytorch/pytorch/issues/38743
# error: AssertionError: Torch not compiled with CUDA enabled
# pattern: hard-coded-cuda
# shape: class, loader-loop
# bug-lines: 49, 50, 57, 63, 66, 67, 68
# needs: torch, torchvision
# cpu: no written where torch was not installed; not run
import os

import torch
import torch.nn as nn
import torchvision
from torch.utils.data import DataLoader
from torchvision import transforms


class Generator(nn.Module):
    def __init__(self, in_dim, dim=64):
        super().__init__()
        self.l1 = nn.Sequential(nn.Linear(in_dim, dim * 8 * 4 * 4, bias=False),
                                nn.BatchNorm1d(dim * 8 * 4 * 4), nn.ReLU())
        blocks = []
        for c_in, c_out in [(dim * 8, dim * 4), (dim * 4, dim * 2), (dim * 2, dim)]:
            blocks += [nn.ConvTranspose2d(c_in, c_out, 5, 2, 2, output_padding=1, bias=False),
                       nn.BatchNorm2d(c_out), nn.ReLU()]
        self.l2 = nn.Sequential(*blocks, nn.ConvTranspose2d(dim, 3, 5, 2, 2, output_padding=1), nn.Tanh())

    def forward(self, x):
        return self.l2(self.l1(x).view(x.size(0), -1, 4, 4))


class Discriminator(nn.Module):
    def __init__(self, in_dim, dim=64):
        super().__init__()
        self.ls = nn.Sequential(
            nn.Conv2d(in_dim, dim, 5, 2, 2), nn.LeakyReLU(0.2),
            nn.Conv2d(dim, dim * 2, 5, 2, 2), nn.BatchNorm2d(dim * 2), nn.LeakyReLU(0.2),
            nn.Conv2d(dim * 2, dim * 4, 5, 2, 2), nn.BatchNorm2d(dim * 4), nn.LeakyReLU(0.2),
            nn.Conv2d(dim * 4, 1, 8), nn.Sigmoid())

    def forward(self, x):
        return self.ls(x).view(-1)


batch_size, z_dim, lr, n_epoch = 64, 100, 1e-4, 10
save_dir = os.path.join("workspace", "logs")
os.makedirs(save_dir, exist_ok=True)

G = Generator(in_dim=z_dim).cuda()
D = Discriminator(3).cuda()
criterion = nn.BCELoss()
opt_D = torch.optim.Adam(D.parameters(), lr=lr, betas=(0.5, 0.999))
opt_G = torch.optim.Adam(G.parameters(), lr=lr, betas=(0.5, 0.999))
tf = transforms.Compose([transforms.Resize((64, 64)), transforms.ToTensor(),
                         transforms.Normalize([0.5] * 3, [0.5] * 3)])
dataloader = DataLoader(torchvision.datasets.ImageFolder("faces", tf), batch_size=batch_size, shuffle=True)
z_sample = torch.randn(100, z_dim).cuda()

for e in range(n_epoch):
    G.train()
    D.train()
    for i, (imgs, _) in enumerate(dataloader):
        r_imgs = imgs.cuda()
        bs = r_imgs.size(0)

        z = torch.randn(bs, z_dim).cuda()
        r_label = torch.ones(bs).cuda()
        f_label = torch.zeros(bs).cuda()
        f_imgs = G(z)
        loss_D = (criterion(D(r_imgs.detach()), r_label) + criterion(D(f_imgs.detach()), f_label)) / 2
        D.zero_grad()
        loss_D.backward()
        opt_D.step()

        loss_G = criterion(D(f_imgs), r_label)
        G.zero_grad()
        loss_G.backward()
        opt_G.step()
    G.eval()
    with torch.no_grad():
        f_imgs_sample = (G(z_sample).data + 1) / 2.0
    torchvision.utils.save_image(f_imgs_sample, os.path.join(save_dir, f"Epoch_{e + 1:03d}.jpg"), nrow=10)

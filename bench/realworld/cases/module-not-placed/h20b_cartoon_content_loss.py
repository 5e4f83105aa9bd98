# source: https://github.com/FilipAndersson245/cartoon-gan/issues/15
# error: RuntimeError: Input type (torch.cuda.FloatTensor) and weight type (torch.FloatTensor) should be the same
# pattern: module-not-placed
# shape: class, loader-loop
# bug-lines: 55
# needs: torch, torchvision
# cpu: no written where torch was not installed; not run
"""Fine-tune a photo-to-cartoon generator with adversarial + VGG content loss."""
import torch
import torch.nn as nn
from torch.utils.data import DataLoader, TensorDataset
from torchvision.models import vgg16


class ContentLoss(nn.Module):
    def __init__(self, omega=10.0):
        super().__init__()
        self.omega = omega
        self.l1 = nn.L1Loss()
        self.perception = nn.Sequential(*list(vgg16(weights="IMAGENET1K_V1").features)[:25]).eval()
        for p in self.perception.parameters():
            p.requires_grad = False

    def forward(self, generated, real):
        return self.omega * self.l1(self.perception(generated), self.perception(real))


def conv_block(cin, cout, stride=1):
    return nn.Sequential(nn.Conv2d(cin, cout, 3, stride, 1), nn.InstanceNorm2d(cout), nn.ReLU(True))


class Generator(nn.Module):
    def __init__(self):
        super().__init__()
        self.net = nn.Sequential(conv_block(3, 64), conv_block(64, 64), nn.Conv2d(64, 3, 3, 1, 1), nn.Tanh())

    def forward(self, x):
        return self.net(x)


class Discriminator(nn.Module):
    def __init__(self):
        super().__init__()
        self.net = nn.Sequential(conv_block(3, 32, 2), conv_block(32, 64, 2), nn.Conv2d(64, 1, 3, 1, 1))

    def forward(self, x):
        return self.net(x)


def main(epochs=2, batch_size=8, image_size=128):
    device = torch.device("cuda" if torch.cuda.is_available() else "cpu")
    netG, netD = Generator().to(device), Discriminator().to(device)
    optG = torch.optim.AdamW(netG.parameters(), lr=1e-4, betas=(0.5, 0.99))
    bce = nn.BCEWithLogitsLoss().to(device)
    content_loss = ContentLoss()
    photos = TensorDataset(torch.rand(64, 3, image_size, image_size) * 2 - 1)
    loader = DataLoader(photos, batch_size=batch_size, shuffle=True, drop_last=True)

    for epoch in range(epochs):
        for i, (real,) in enumerate(loader):
            real = real.to(device)
            fake = netG(real)
            pred = netD(fake)
            errG = bce(pred, torch.ones_like(pred)) + content_loss(fake, real)
            optG.zero_grad()
            errG.backward()
            optG.step()
            if i % 4 == 0:
                print(f"epoch {epoch} iter {i} G loss {errG.item():.3f}")


if __name__ == "__main__":
    main()

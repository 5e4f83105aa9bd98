# source: https://github.com/Natsu6767/InfoGAN-PyTorch/pull/8
# error: RuntimeError: Found dtype Long but expected Float
# pattern: loss-target-dtype
# shape: loader-loop
# bug-lines: 45, 58, 61
# cpu: raises "Found dtype Long but expected Float"
# needs: torch
import torch
import torch.nn as nn
from torch.utils.data import DataLoader, TensorDataset

device = torch.device("cuda:0" if torch.cuda.is_available() else "cpu")
batch_size = 8
num_z = 16


class Generator(nn.Module):
    def __init__(self):
        super().__init__()
        self.net = nn.Sequential(nn.Linear(num_z + 10, 64), nn.ReLU(), nn.Linear(64, 28 * 28), nn.Tanh())

    def forward(self, z):
        return self.net(z).view(-1, 1, 28, 28)


class Discriminator(nn.Module):
    def __init__(self):
        super().__init__()
        self.body = nn.Sequential(nn.Flatten(), nn.Linear(28 * 28, 64), nn.LeakyReLU(0.1))
        self.head = nn.Sequential(nn.Linear(64, 1), nn.Sigmoid())

    def forward(self, x):
        return self.head(self.body(x)).view(-1)


images = torch.rand(32, 1, 28, 28) * 2 - 1
dataloader = DataLoader(TensorDataset(images), batch_size=batch_size, shuffle=True)

netG = Generator().to(device)
netD = Discriminator().to(device)
criterionD = nn.BCELoss()
optimD = torch.optim.Adam(netD.parameters(), lr=2e-4, betas=(0.5, 0.999))
optimG = torch.optim.Adam(netG.parameters(), lr=1e-3, betas=(0.5, 0.999))

real_label = 1
fake_label = 0


def noise_sample(n):
    idx = torch.randint(0, 10, (n,), device=device)
    c = nn.functional.one_hot(idx, 10).float()
    return torch.cat([torch.randn(n, num_z, device=device), c], dim=1)


for epoch in range(2):
    for i, (data,) in enumerate(dataloader):
        real_data = data.to(device)
        label = torch.full((real_data.size(0),), real_label, device=device)
        optimD.zero_grad()
        probs_real = netD(real_data)
        loss_real = criterionD(probs_real, label)
        loss_real.backward()

        fake_data = netG(noise_sample(real_data.size(0)))
        label.fill_(fake_label)
        probs_fake = netD(fake_data.detach())
        loss_fake = criterionD(probs_fake, label)
        loss_fake.backward()
        optimD.step()

        optimG.zero_grad()
        label.fill_(real_label)
        gen_loss = criterionD(netD(fake_data), label)
        gen_loss.backward()
        optimG.step()
    print(epoch, loss_real.item() + loss_fake.item(), gen_loss.item())

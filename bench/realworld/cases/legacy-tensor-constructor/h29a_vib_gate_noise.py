# source: https://github.com/zhuchen03/VIBNet/issues/9
# error: RuntimeError: Device index must not be negative
# pattern: legacy-tensor-constructor
# shape: class, loader-loop
# bug-lines: 34
# needs: torch, torchvision
# cpu: no written where torch was not installed; not run
"""Variational information-bottleneck gates for channel pruning of a small
MLP on MNIST. Each gate samples multiplicative noise z = mu + eps * std."""
import torch
import torch.nn as nn
import torch.nn.functional as F
from torch.utils.data import DataLoader
from torchvision import datasets, transforms


class InformationBottleneck(nn.Module):
    def __init__(self, dim, init_mag=9.0, init_var=0.01, kl_mult=1.0):
        super().__init__()
        self.prior_z_logD = nn.Parameter(torch.empty(dim).normal_(-init_mag, init_var))
        self.post_z_mu = nn.Parameter(torch.empty(dim).normal_(1.0, init_var))
        self.kl_mult = kl_mult

    def kld(self):
        h_d = torch.exp(self.prior_z_logD)
        return 0.5 * torch.sum(torch.log1p(self.post_z_mu.pow(2) / (h_d + 1e-8)))

    def mask(self, threshold=0.0):
        log_alpha = self.prior_z_logD - torch.log(self.post_z_mu.pow(2) + 1e-8)
        return (log_alpha < threshold).float()

    def reparameterize(self, mu, logD, batch_size):
        std = logD.mul(0.5).exp()
        eps = torch.FloatTensor(batch_size, std.size(0)).cuda(mu.get_device()).normal_()
        return mu + eps * std

    def forward(self, x):
        if self.training:
            z = self.reparameterize(self.post_z_mu, self.prior_z_logD, x.size(0))
        else:
            z = self.post_z_mu * self.mask()
        return x * z


class VIBMLP(nn.Module):
    def __init__(self, hidden=(300, 100)):
        super().__init__()
        self.fc1, self.ib1 = nn.Linear(784, hidden[0]), InformationBottleneck(hidden[0])
        self.fc2, self.ib2 = nn.Linear(hidden[0], hidden[1]), InformationBottleneck(hidden[1])
        self.out = nn.Linear(hidden[1], 10)

    def forward(self, x):
        x = self.ib1(F.relu(self.fc1(x.flatten(1))))
        x = self.ib2(F.relu(self.fc2(x)))
        return self.out(x)

    def kl_total(self):
        return self.ib1.kld() + self.ib2.kld()


def main(epochs=10, beta=1e-3):
    device = torch.device("cuda" if torch.cuda.is_available() else "cpu")
    data = datasets.MNIST("data", train=True, download=True, transform=transforms.ToTensor())
    loader = DataLoader(data, batch_size=128, shuffle=True)
    model = VIBMLP().to(device)
    opt = torch.optim.Adam(model.parameters(), lr=1e-3)
    for epoch in range(epochs):
        for images, labels in loader:
            images, labels = images.to(device), labels.to(device)
            loss = F.cross_entropy(model(images), labels) + beta * model.kl_total()
            opt.zero_grad()
            loss.backward()
            opt.step()
        print(epoch, loss.item(), int(model.ib1.mask().sum()), int(model.ib2.mask().sum()))


if __name__ == "__main__":
    main()

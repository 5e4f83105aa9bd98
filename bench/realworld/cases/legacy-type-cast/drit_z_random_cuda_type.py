# source: https://github.com/HsinYingLee/DRIT/issues/6
# error: RuntimeError: arguments are located on different GPUs
# pattern: legacy-type-cast
# shape: class
# bug-lines: 30
# cpu: clean
# needs: torch
import argparse

import torch
import torch.nn as nn


class DRIT(nn.Module):
    def __init__(self, opts):
        super().__init__()
        self.nz = opts.nz
        self.gpu = opts.gpu
        self.use_cuda = opts.gpu >= 0 and torch.cuda.is_available()
        self.enc_a = nn.Sequential(nn.Flatten(), nn.Linear(3 * 8 * 8, 2 * self.nz))
        self.gen = nn.Linear(self.nz, 3 * 8 * 8)

    def setgpu(self):
        if self.use_cuda:
            self.cuda(self.gpu)

    def get_z_random(self, batch_size, nz):
        z = torch.randn(batch_size, nz)
        if self.use_cuda:
            z = z.type(torch.cuda.FloatTensor)
        return z

    def forward(self, image_a):
        mu, logvar = self.enc_a(image_a).chunk(2, dim=1)
        self.z_attr_a = mu + torch.randn_like(mu) * logvar.mul(0.5).exp()
        self.z_random = self.get_z_random(image_a.size(0), self.nz)
        fake = self.gen(self.z_random)
        self.mu2_a, _ = self.enc_a(fake.view_as(image_a)).chunk(2, dim=1)
        return fake

    def latent_regression_loss(self):
        return torch.mean(torch.abs(self.mu2_a - self.z_random)) * 10


if __name__ == "__main__":
    parser = argparse.ArgumentParser()
    parser.add_argument("--gpu", type=int, default=1 if torch.cuda.device_count() > 1 else 0)
    parser.add_argument("--nz", type=int, default=8)
    opts = parser.parse_args()
    model = DRIT(opts)
    model.setgpu()
    images = torch.rand(4, 3, 8, 8)
    if model.use_cuda:
        images = images.cuda(opts.gpu)
    model(images)
    print(model.latent_regression_loss().item())

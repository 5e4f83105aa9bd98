# source: https://github.com/jwyang/faster-rcnn.pytorch/issues/325
# error: RuntimeError: Expected all tensors to be on the same device, but found at least two devices, cuda:0 and cpu!
# pattern: optimizer-state-before-placement
# shape: multi-file, helper
# needs: torch
# cpu: no written where torch was not installed; not run
import torch
import torch.nn as nn


def down(cin, cout, norm=True):
    layers = [nn.Conv2d(cin, cout, 4, 2, 1, bias=not norm)]
    if norm:
        layers.append(nn.BatchNorm2d(cout))
    layers.append(nn.LeakyReLU(0.2, True))
    return nn.Sequential(*layers)


def up(cin, cout, dropout=False):
    layers = [nn.ConvTranspose2d(cin, cout, 4, 2, 1, bias=False), nn.BatchNorm2d(cout), nn.ReLU(True)]
    if dropout:
        layers.append(nn.Dropout(0.5))
    return nn.Sequential(*layers)


class UNetGenerator(nn.Module):
    def __init__(self, in_ch=3, out_ch=3, ngf=64):
        super().__init__()
        self.d1, self.d2 = down(in_ch, ngf, norm=False), down(ngf, ngf * 2)
        self.d3, self.d4 = down(ngf * 2, ngf * 4), down(ngf * 4, ngf * 8)
        self.u1 = up(ngf * 8, ngf * 4, dropout=True)
        self.u2 = up(ngf * 8, ngf * 2)
        self.u3 = up(ngf * 4, ngf)
        self.out = nn.Sequential(nn.ConvTranspose2d(ngf * 2, out_ch, 4, 2, 1), nn.Tanh())

    def forward(self, x):
        e1 = self.d1(x)
        e2 = self.d2(e1)
        e3 = self.d3(e2)
        e4 = self.d4(e3)
        y = self.u1(e4)
        y = self.u2(torch.cat([y, e3], 1))
        y = self.u3(torch.cat([y, e2], 1))
        return self.out(torch.cat([y, e1], 1))


class PatchDiscriminator(nn.Module):
    def __init__(self, in_ch=6, ndf=64):
        super().__init__()
        self.model = nn.Sequential(
            down(in_ch, ndf, norm=False), down(ndf, ndf * 2), down(ndf * 2, ndf * 4),
            nn.Conv2d(ndf * 4, 1, 4, 1, 1),
        )

    def forward(self, a, b):
        return self.model(torch.cat([a, b], 1))

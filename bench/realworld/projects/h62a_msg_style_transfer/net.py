# source: https://github.com/zhanghang1989/PyTorch-Multi-Style-Transfer/issues/11
# error: RuntimeError: Input type (CUDAFloatTensor) and weight type (CPUFloatTensor) should be the same
# pattern: hard-coded-cuda
# shape: multi-file, class, loader-loop
# needs: torch, torchvision
# cpu: no written where torch was not installed; not run
import torch
import torch.nn as nn
from torchvision import models


class GramMatrix(nn.Module):
    def forward(self, y):
        b, ch, h, w = y.size()
        features = y.view(b, ch, w * h)
        return features.bmm(features.transpose(1, 2)) / (ch * h * w)


class Inspiration(nn.Module):
    """Matches the content feature to the target style Gram matrix."""

    def __init__(self, channels):
        super().__init__()
        self.weight = nn.Parameter(torch.eye(channels).unsqueeze(0))
        self.G = None

    def set_target(self, gram):
        self.G = gram

    def forward(self, x):
        p = torch.bmm(self.weight.expand_as(self.G), self.G)
        b, c, h, w = x.size()
        return torch.bmm(p.transpose(1, 2).expand(b, c, c), x.view(b, c, h * w)).view_as(x)


class MSGNet(nn.Module):
    def __init__(self, ngf=64):
        super().__init__()
        self.gram = GramMatrix()
        self.encoder = nn.Sequential(
            nn.ReflectionPad2d(3), nn.Conv2d(3, ngf, 7), nn.InstanceNorm2d(ngf), nn.ReLU(inplace=True),
            nn.Conv2d(ngf, ngf * 2, 3, stride=2, padding=1), nn.InstanceNorm2d(ngf * 2), nn.ReLU(inplace=True),
        )
        self.ins = Inspiration(ngf * 2)
        self.decoder = nn.Sequential(
            nn.Upsample(scale_factor=2), nn.Conv2d(ngf * 2, ngf, 3, padding=1),
            nn.InstanceNorm2d(ngf), nn.ReLU(inplace=True),
            nn.ReflectionPad2d(3), nn.Conv2d(ngf, 3, 7),
        )

    def set_target(self, style_img):
        self.ins.set_target(self.gram(self.encoder(style_img)))

    def forward(self, x):
        return self.decoder(self.ins(self.encoder(x)))


class Vgg16Features(nn.Module):
    def __init__(self):
        super().__init__()
        vgg = models.vgg16(weights=models.VGG16_Weights.IMAGENET1K_V1).features
        self.slices = nn.ModuleList([vgg[:4], vgg[4:9], vgg[9:16], vgg[16:23]])
        for p in self.parameters():
            p.requires_grad = False

    def forward(self, x):
        feats = []
        for s in self.slices:
            x = s(x)
            feats.append(x)
        return feats

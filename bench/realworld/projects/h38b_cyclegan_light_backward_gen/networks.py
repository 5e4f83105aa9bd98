# source: https://github.com/junyanz/pytorch-CycleGAN-and-pix2pix/issues/397
# error: RuntimeError: Input type (torch.cuda.FloatTensor) and weight type (torch.FloatTensor) should be the same
# pattern: module-not-placed
# shape: multi-file, helper
# needs: torch
# cpu: no written where torch was not installed; not run
"""Generators / discriminator and the init helpers used by the CycleGAN model."""
import torch
import torch.nn as nn


class ResnetBlock(nn.Module):
    def __init__(self, dim):
        super().__init__()
        self.block = nn.Sequential(
            nn.ReflectionPad2d(1), nn.Conv2d(dim, dim, 3), nn.InstanceNorm2d(dim), nn.ReLU(True),
            nn.ReflectionPad2d(1), nn.Conv2d(dim, dim, 3), nn.InstanceNorm2d(dim))

    def forward(self, x):
        return x + self.block(x)


def resnet_generator(in_nc, out_nc, ngf=64, n_blocks=9):
    layers = [nn.ReflectionPad2d(3), nn.Conv2d(in_nc, ngf, 7), nn.InstanceNorm2d(ngf), nn.ReLU(True),
              nn.Conv2d(ngf, ngf * 2, 3, 2, 1), nn.InstanceNorm2d(ngf * 2), nn.ReLU(True)]
    layers += [ResnetBlock(ngf * 2) for _ in range(n_blocks)]
    layers += [nn.ConvTranspose2d(ngf * 2, ngf, 3, 2, 1, output_padding=1), nn.InstanceNorm2d(ngf),
               nn.ReLU(True), nn.ReflectionPad2d(3), nn.Conv2d(ngf, out_nc, 7), nn.Tanh()]
    return nn.Sequential(*layers)


def patch_discriminator(in_nc, ndf=64):
    return nn.Sequential(
        nn.Conv2d(in_nc, ndf, 4, 2, 1), nn.LeakyReLU(0.2, True),
        nn.Conv2d(ndf, ndf * 2, 4, 2, 1), nn.InstanceNorm2d(ndf * 2), nn.LeakyReLU(0.2, True),
        nn.Conv2d(ndf * 2, 1, 4, 1, 1))


def init_weights(net, gain=0.02):
    for m in net.modules():
        if isinstance(m, (nn.Conv2d, nn.ConvTranspose2d)):
            nn.init.normal_(m.weight, 0.0, gain)
            nn.init.zeros_(m.bias)
    return net


def init_net(net, gpu_ids):
    if gpu_ids:
        net.to(torch.device(f"cuda:{gpu_ids[0]}"))
        net = nn.DataParallel(net, gpu_ids)
    return init_weights(net)


def define_G(in_nc, out_nc, ngf=64, n_blocks=9, gpu_ids=()):
    return init_net(resnet_generator(in_nc, out_nc, ngf, n_blocks), gpu_ids)


def define_G_light(in_nc, out_nc, ngf=32):
    """Smaller B->A generator (6 blocks, half width) to save memory on the backward cycle."""
    return init_weights(resnet_generator(in_nc, out_nc, ngf, n_blocks=6))


def define_D(in_nc, ndf=64, gpu_ids=()):
    return init_net(patch_discriminator(in_nc, ndf), gpu_ids)

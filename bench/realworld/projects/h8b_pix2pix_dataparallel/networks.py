# source: https://github.com/junyanz/pytorch-CycleGAN-and-pix2pix/issues/252
# error: TypeError: Broadcast function not implemented for CPU tensors
# pattern: parallel-wrap-before-placement
# shape: multi-file, helper
# bug-lines: 30
# needs: torch
# cpu: no written where torch was not installed; not run
import torch
import torch.nn as nn
from torch.nn import init


def init_weights(net, init_type="normal", init_gain=0.02):
    def init_func(m):
        classname = m.__class__.__name__
        if hasattr(m, "weight") and ("Conv" in classname or "Linear" in classname):
            if init_type == "normal":
                init.normal_(m.weight.data, 0.0, init_gain)
            else:
                init.xavier_normal_(m.weight.data, gain=init_gain)
            if getattr(m, "bias", None) is not None:
                init.constant_(m.bias.data, 0.0)

    net.apply(init_func)


def init_net(net, init_type="normal", init_gain=0.02, gpu_ids=()):
    if len(gpu_ids) > 0:
        assert torch.cuda.is_available()
        net = torch.nn.DataParallel(net, gpu_ids)
    init_weights(net, init_type, init_gain=init_gain)
    return net


def conv_block(in_c, out_c, down=True):
    conv = nn.Conv2d(in_c, out_c, 4, 2, 1) if down else nn.ConvTranspose2d(in_c, out_c, 4, 2, 1)
    return nn.Sequential(conv, nn.BatchNorm2d(out_c), nn.LeakyReLU(0.2) if down else nn.ReLU())


class EncoderDecoderGenerator(nn.Module):
    def __init__(self, input_nc, output_nc, ngf=64):
        super().__init__()
        self.down = nn.Sequential(conv_block(input_nc, ngf), conv_block(ngf, ngf * 2), conv_block(ngf * 2, ngf * 4))
        self.up = nn.Sequential(conv_block(ngf * 4, ngf * 2, False), conv_block(ngf * 2, ngf, False))
        self.out = nn.Sequential(nn.ConvTranspose2d(ngf, output_nc, 4, 2, 1), nn.Tanh())

    def forward(self, x):
        return self.out(self.up(self.down(x)))


class PatchDiscriminator(nn.Module):
    def __init__(self, input_nc, ndf=64):
        super().__init__()
        self.model = nn.Sequential(conv_block(input_nc, ndf), conv_block(ndf, ndf * 2), nn.Conv2d(ndf * 2, 1, 4, 1, 1))

    def forward(self, x):
        return self.model(x)


def define_G(input_nc, output_nc, ngf=64, init_type="normal", gpu_ids=()):
    return init_net(EncoderDecoderGenerator(input_nc, output_nc, ngf), init_type, gpu_ids=gpu_ids)


def define_D(input_nc, ndf=64, init_type="normal", gpu_ids=()):
    return init_net(PatchDiscriminator(input_nc, ndf), init_type, gpu_ids=gpu_ids)

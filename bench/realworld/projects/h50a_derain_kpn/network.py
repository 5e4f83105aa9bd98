# source: https://github.com/tsingqguo/efficientderain/issues/35
# error: RuntimeError: Attempting to deserialize object on a CUDA device but torch.cuda.is_available() is False. If you are running on a CPU-only machine, please use torch.load with map_location=torch.device('cpu') to map your storages to the CPU.
# pattern: torch-load-map-location
# shape: multi-file, helper
# needs: torch
# cpu: no written where torch was not installed; not run
"""Kernel prediction network used for single-image rain streak removal."""
import torch
import torch.nn as nn
import torch.nn.functional as F


def conv_block(cin, cout):
    return nn.Sequential(nn.Conv2d(cin, cout, 3, padding=1), nn.ReLU(inplace=True),
                         nn.Conv2d(cout, cout, 3, padding=1), nn.ReLU(inplace=True))


class KPN(nn.Module):
    def __init__(self, color=True, kernel_size=3, channels=64):
        super().__init__()
        c = 3 if color else 1
        self.kernel_size = kernel_size
        self.enc1 = conv_block(c, channels)
        self.enc2 = conv_block(channels, channels * 2)
        self.dec = conv_block(channels * 3, channels)
        self.kernel_head = nn.Conv2d(channels, c * kernel_size ** 2, 1)

    def forward(self, rainy):
        f1 = self.enc1(rainy)
        f2 = self.enc2(F.avg_pool2d(f1, 2))
        f = self.dec(torch.cat([f1, F.interpolate(f2, size=f1.shape[-2:])], 1))
        k = self.kernel_head(f)
        b, c, h, w = rainy.shape
        k = k.view(b, c, self.kernel_size ** 2, h, w).softmax(2)
        patches = F.unfold(rainy, self.kernel_size, padding=self.kernel_size // 2)
        patches = patches.view(b, c, self.kernel_size ** 2, h, w)
        return (k * patches).sum(2)


def weights_init(net, init_gain=0.02):
    for m in net.modules():
        if isinstance(m, nn.Conv2d):
            nn.init.xavier_normal_(m.weight, gain=init_gain)

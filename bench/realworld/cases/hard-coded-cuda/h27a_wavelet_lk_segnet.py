# source: https://github.com/LianpoWang/WLKDCA-Net/issues/25
# error: AssertionError: Torch not compiled with CUDA enabled
# pattern: hard-coded-cuda
# shape: class
# bug-lines: 52, 54
# needs: torch
# cpu: no written where torch was not installed; not run
import argparse

import torch
import torch.nn as nn
import torch.nn.functional as F


class LargeKernelBlock(nn.Module):
    def __init__(self, ch, k=13):
        super().__init__()
        self.dw = nn.Conv2d(ch, ch, k, padding=k // 2, groups=ch)
        self.pw = nn.Conv2d(ch, ch, 1)
        self.norm = nn.BatchNorm2d(ch)

    def forward(self, x):
        return F.gelu(self.norm(self.pw(self.dw(x)))) + x


class HaarDown(nn.Module):
    """Single-level Haar wavelet downsampling: (B,C,H,W) -> (B,4C,H/2,W/2) -> conv to out_ch."""

    def __init__(self, cin, cout):
        super().__init__()
        self.proj = nn.Conv2d(4 * cin, cout, 1)

    def forward(self, x):
        a, b = x[..., 0::2, 0::2], x[..., 0::2, 1::2]
        c, d = x[..., 1::2, 0::2], x[..., 1::2, 1::2]
        ll, lh, hl, hh = (a + b + c + d) / 2, (a - b + c - d) / 2, (a + b - c - d) / 2, (a - b - c + d) / 2
        return self.proj(torch.cat([ll, lh, hl, hh], dim=1))


class WaveletLKSegNet(nn.Module):
    def __init__(self, in_ch=1, n_classes=9, base=32):
        super().__init__()
        self.stem = nn.Conv2d(in_ch, base, 3, padding=1)
        self.down1, self.block1 = HaarDown(base, base * 2), LargeKernelBlock(base * 2)
        self.down2, self.block2 = HaarDown(base * 2, base * 4), LargeKernelBlock(base * 4)
        self.up2 = nn.ConvTranspose2d(base * 4, base * 2, 2, stride=2)
        self.up1 = nn.ConvTranspose2d(base * 2, base, 2, stride=2)
        self.head = nn.Conv2d(base, n_classes, 1)

    def forward_features(self, x):
        x = self.stem(x)
        skip1 = x.cuda()
        x = self.block1(self.down1(x))
        skip2 = x.cuda()
        x = self.block2(self.down2(x))
        x = self.up2(x) + skip2
        x = self.up1(x) + skip1
        return x

    def forward(self, x):
        return self.head(self.forward_features(x))


if __name__ == "__main__":
    parser = argparse.ArgumentParser()
    parser.add_argument("--device", default="cuda" if torch.cuda.is_available() else "cpu")
    parser.add_argument("--ckpt", default="wlk_synapse_best.pth")
    args = parser.parse_args()
    device = torch.device(args.device)
    net = WaveletLKSegNet(in_ch=1, n_classes=9).to(device)
    net.load_state_dict(torch.load(args.ckpt, map_location=device))
    net.eval()
    ct_slice = torch.randn(1, 1, 224, 224, device=device)
    with torch.no_grad():
        pred = net(ct_slice).argmax(dim=1)
    print(pred.shape, pred.unique())

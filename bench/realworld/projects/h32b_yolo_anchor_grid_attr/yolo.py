# source: https://github.com/ultralytics/yolov5/pull/5110
# error: RuntimeError: Expected all tensors to be on the same device, but found at least two devices, cuda:0 and cpu!
# pattern: tensor-attribute-not-buffer
# shape: multi-file, class
# bug-lines: 27, 43
# needs: torch
# cpu: no written where torch was not installed; not run

import torch
import torch.nn as nn

ANCHORS = [[10, 13, 16, 30, 33, 23], [30, 61, 62, 45, 59, 119], [116, 90, 156, 198, 373, 326]]
STRIDES = [8, 16, 32]


class Detect(nn.Module):
    def __init__(self, nc=80, anchors=ANCHORS, ch=(128, 256, 512), strides=STRIDES):
        super().__init__()
        self.nc = nc
        self.no = nc + 5
        self.nl = len(anchors)
        self.na = len(anchors[0]) // 2
        self.strides = strides
        a = torch.tensor(anchors, dtype=torch.float32).view(self.nl, -1, 2)
        self.register_buffer("anchors", a / torch.tensor(strides, dtype=torch.float32).view(-1, 1, 1))
        # pixel-space anchor sizes, pre-shaped for broadcasting against [bs, na, ny, nx, 2]
        self.anchor_grid = a.clone().view(self.nl, 1, self.na, 1, 1, 2)
        self.m = nn.ModuleList(nn.Conv2d(c, self.no * self.na, 1) for c in ch)

    @staticmethod
    def make_grid(nx, ny, device):
        yv, xv = torch.meshgrid(torch.arange(ny, device=device), torch.arange(nx, device=device), indexing="ij")
        return torch.stack((xv, yv), 2).view(1, 1, ny, nx, 2).float()

    def forward(self, feats):
        z = []
        for i, x in enumerate(feats):
            bs, _, ny, nx = x.shape
            x = self.m[i](x).view(bs, self.na, self.no, ny, nx).permute(0, 1, 3, 4, 2).contiguous()
            y = x.sigmoid()
            grid = self.make_grid(nx, ny, x.device)
            xy = (y[..., 0:2] * 2 - 0.5 + grid) * self.strides[i]
            wh = (y[..., 2:4] * 2) ** 2 * self.anchor_grid[i]
            z.append(torch.cat((xy, wh, y[..., 4:]), -1).view(bs, -1, self.no))
        return torch.cat(z, 1)


def conv(cin, cout, s):
    return nn.Sequential(nn.Conv2d(cin, cout, 3, s, 1, bias=False), nn.BatchNorm2d(cout), nn.SiLU())


class TinyYolo(nn.Module):
    def __init__(self, nc=80):
        super().__init__()
        self.stem = nn.Sequential(conv(3, 32, 2), conv(32, 64, 2))
        self.p3 = conv(64, 128, 2)
        self.p4 = conv(128, 256, 2)
        self.p5 = conv(256, 512, 2)
        self.detect = Detect(nc=nc)

    def forward(self, x):
        p3 = self.p3(self.stem(x))
        p4 = self.p4(p3)
        return self.detect([p3, p4, self.p5(p4)])

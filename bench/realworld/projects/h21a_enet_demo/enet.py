# source: https://github.com/iArunava/ENet-Real-Time-Semantic-Segmentation/issues/14
# error: RuntimeError: Input type (torch.FloatTensor) and weight type (torch.cuda.FloatTensor) should be the same
# pattern: inputs-not-moved
# shape: multi-file, class
# needs: torch
# cpu: no written where torch was not installed; not run
import torch
import torch.nn as nn


class InitialBlock(nn.Module):
    def __init__(self, in_channels=3, out_channels=13):
        super().__init__()
        self.conv = nn.Conv2d(in_channels, out_channels, 3, stride=2, padding=1)
        self.pool = nn.MaxPool2d(2, stride=2)
        self.bn = nn.BatchNorm2d(out_channels + in_channels)
        self.act = nn.PReLU()

    def forward(self, x):
        return self.act(self.bn(torch.cat((self.conv(x), self.pool(x)), dim=1)))


class RDDNeck(nn.Module):
    def __init__(self, in_channels, out_channels, dilation=1, down=False, p=0.1):
        super().__init__()
        self.down = down
        self.extra = out_channels - in_channels
        mid = in_channels // 4
        stride = 2 if down else 1
        self.branch = nn.Sequential(
            nn.Conv2d(in_channels, mid, 2 if down else 1, stride=stride, bias=False),
            nn.BatchNorm2d(mid), nn.PReLU(),
            nn.Conv2d(mid, mid, 3, padding=dilation, dilation=dilation, bias=False),
            nn.BatchNorm2d(mid), nn.PReLU(),
            nn.Conv2d(mid, out_channels, 1, bias=False),
            nn.BatchNorm2d(out_channels), nn.Dropout2d(p),
        )
        self.pool = nn.MaxPool2d(2, stride=2) if down else nn.Identity()
        self.act = nn.PReLU()

    def forward(self, x):
        x_copy = self.pool(x)
        if self.extra > 0:
            extras = x_copy.new_zeros(x_copy.shape[0], self.extra, x_copy.shape[2], x_copy.shape[3])
            x_copy = torch.cat((x_copy, extras), dim=1)
        return self.act(self.branch(x) + x_copy)


class ENet(nn.Module):
    def __init__(self, C):
        super().__init__()
        self.init = InitialBlock()
        self.b10 = RDDNeck(16, 64, down=True, p=0.01)
        self.b11 = RDDNeck(64, 64, p=0.01)
        self.b20 = RDDNeck(64, 128, down=True)
        self.b21 = RDDNeck(128, 128, dilation=2)
        self.b22 = RDDNeck(128, 128, dilation=4)
        self.up = nn.Sequential(
            nn.ConvTranspose2d(128, 64, 2, stride=2), nn.BatchNorm2d(64), nn.ReLU(),
            nn.ConvTranspose2d(64, 16, 2, stride=2), nn.BatchNorm2d(16), nn.ReLU(),
            nn.ConvTranspose2d(16, C, 2, stride=2),
        )

    def forward(self, x):
        x = self.init(x)
        x = self.b11(self.b10(x))
        x = self.b22(self.b21(self.b20(x)))
        return self.up(x)

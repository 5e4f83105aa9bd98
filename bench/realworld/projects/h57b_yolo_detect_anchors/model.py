# source: https://github.com/ultralytics/yolov5/pull/2297
# error: RuntimeError: Expected all tensors to be on the same device, but found at least two devices, cuda:0 and cpu!
# pattern: tensor-attribute-not-buffer
# shape: multi-file, class
# needs: torch
# cpu: no written where torch was not installed; not run
"""Small CSP-style backbone + PAN neck feeding the YOLO Detect head."""
import torch
import torch.nn as nn

from yolo_head import Detect


def conv(c1, c2, k=3, s=1):
    return nn.Sequential(nn.Conv2d(c1, c2, k, s, k // 2, bias=False), nn.BatchNorm2d(c2), nn.SiLU())


class TinyYolo(nn.Module):
    def __init__(self, nc=80):
        super().__init__()
        self.stem = nn.Sequential(conv(3, 32, 6, 2), conv(32, 64, 3, 2))
        self.p3 = nn.Sequential(conv(64, 128, 3, 2), conv(128, 128))
        self.p4 = nn.Sequential(conv(128, 256, 3, 2), conv(256, 256))
        self.p5 = nn.Sequential(conv(256, 512, 3, 2), conv(512, 512))
        self.up = nn.Upsample(scale_factor=2, mode="nearest")
        self.lat5 = conv(512, 256, 1)
        self.lat4 = conv(512, 256, 1)
        self.detect = Detect(nc=nc, ch=(128, 256, 512))

    def forward(self, x):
        p3 = self.p3(self.stem(x))
        p4 = self.p4(p3)
        p5 = self.p5(p4)
        n4 = self.lat4(torch.cat((self.up(self.lat5(p5)), p4), 1))
        return self.detect([p3, n4, p5])

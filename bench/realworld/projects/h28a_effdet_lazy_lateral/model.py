# source: https://github.com/toandaominh1997/EfficientDet.Pytorch/issues/8
# error: RuntimeError: Expected object of backend CUDA but got backend CPU for argument #2 'weight'
# pattern: module-added-after-placement
# shape: multi-file, class
# bug-lines: 58, 59
# needs: torch
# cpu: no written where torch was not installed; not run
"""EfficientDet-style detector: small backbone, one BiFPN layer, shared heads."""
import torch
import torch.nn as nn
import torch.nn.functional as F


def conv_bn(cin, cout, stride):
    return nn.Sequential(nn.Conv2d(cin, cout, 3, stride, 1, bias=False), nn.BatchNorm2d(cout), nn.SiLU())


class TinyBackbone(nn.Module):
    def __init__(self):
        super().__init__()
        self.stem = nn.Sequential(conv_bn(3, 24, 2), conv_bn(24, 32, 2))
        self.stage3 = conv_bn(32, 40, 2)
        self.stage4 = conv_bn(40, 112, 2)
        self.stage5 = conv_bn(112, 320, 2)

    def forward(self, x):
        c3 = self.stage3(self.stem(x))
        c4 = self.stage4(c3)
        return [c3, c4, self.stage5(c4)]


class BiFPNLayer(nn.Module):
    def __init__(self, ch):
        super().__init__()
        self.td = nn.ModuleList([conv_bn(ch, ch, 1) for _ in range(2)])
        self.bu = nn.ModuleList([conv_bn(ch, ch, 1) for _ in range(2)])

    def forward(self, p3, p4, p5):
        p4_td = self.td[0](p4 + F.interpolate(p5, size=p4.shape[-2:], mode="nearest"))
        p3_out = self.td[1](p3 + F.interpolate(p4_td, size=p3.shape[-2:], mode="nearest"))
        p4_out = self.bu[0](p4_td + F.max_pool2d(p3_out, 2))
        p5_out = self.bu[1](p5 + F.max_pool2d(p4_out, 2))
        return [p3_out, p4_out, p5_out]


class EfficientDetLite(nn.Module):
    def __init__(self, num_classes=20, fpn_ch=64, num_anchors=9):
        super().__init__()
        self.fpn_ch = fpn_ch
        self.backbone = TinyBackbone()
        self.bifpn = BiFPNLayer(fpn_ch)
        self.cls_head = nn.Conv2d(fpn_ch, num_anchors * num_classes, 3, padding=1)
        self.box_head = nn.Conv2d(fpn_ch, num_anchors * 4, 3, padding=1)

    def forward(self, images):
        laterals = []
        for feat in self.backbone(images):
            lateral = nn.Conv2d(feat.size(1), self.fpn_ch, kernel_size=1)
            laterals.append(lateral(feat))
        pyramid = self.bifpn(*laterals)
        cls_out = torch.cat([self.cls_head(p).flatten(2) for p in pyramid], dim=2)
        box_out = torch.cat([self.box_head(p).flatten(2) for p in pyramid], dim=2)
        return cls_out, box_out

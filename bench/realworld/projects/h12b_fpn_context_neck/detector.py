# source: https://github.com/open-mmlab/mmdetection/issues/638
# error: RuntimeError: Input type (torch.cuda.FloatTensor) and weight type (torch.FloatTensor) should be the same
# pattern: module-in-plain-container
# shape: multi-file, class
# needs: torch
# cpu: no written where torch was not installed; not run

import torch.nn as nn

from neck import ContextFPN


def conv_bn(cin, cout, stride):
    return nn.Sequential(
        nn.Conv2d(cin, cout, 3, stride=stride, padding=1, bias=False),
        nn.BatchNorm2d(cout),
        nn.ReLU(inplace=True),
    )


class TinyBackbone(nn.Module):
    def __init__(self, widths=(64, 128, 256, 512)):
        super().__init__()
        self.stem = conv_bn(3, widths[0], 2)
        stages = []
        cin = widths[0]
        for w in widths:
            stages.append(nn.Sequential(conv_bn(cin, w, 2), conv_bn(w, w, 1)))
            cin = w
        self.stages = nn.ModuleList(stages)
        self.out_channels = list(widths)

    def forward(self, x):
        x = self.stem(x)
        feats = []
        for stage in self.stages:
            x = stage(x)
            feats.append(x)
        return feats


class RetinaStyleDetector(nn.Module):
    def __init__(self, num_classes, num_anchors=9):
        super().__init__()
        self.backbone = TinyBackbone()
        self.neck = ContextFPN(self.backbone.out_channels, out_channels=256, num_context=2)
        self.cls_head = nn.Conv2d(256, num_anchors * num_classes, 3, padding=1)
        self.reg_head = nn.Conv2d(256, num_anchors * 4, 3, padding=1)

    def forward(self, images):
        feats = self.neck(self.backbone(images))
        cls_scores = [self.cls_head(f) for f in feats]
        bbox_preds = [self.reg_head(f) for f in feats]
        return cls_scores, bbox_preds

# source: https://github.com/SegmentationBLWX/cssegmentation/issues/1 https://github.com/pytorch/pytorch/pull/17129
# error: ValueError: DistributedDataParallel device_ids and output_device arguments only work with single-device/multiple-device GPU modules or CPU modules, but got device_ids [0], output_device 0, and module parameters {device(type='cpu')}.
# pattern: parallel-wrap-before-placement
# shape: helper, multi-file, loader-loop, batch-dict
# needs: torch
# cpu: no written where torch was not installed; not run
"""A small encoder-decoder segmentor."""
import torch.nn as nn
import torch.nn.functional as F


def conv_bn_relu(cin, cout, stride=1):
    return nn.Sequential(
        nn.Conv2d(cin, cout, 3, stride=stride, padding=1, bias=False),
        nn.BatchNorm2d(cout),
        nn.ReLU(inplace=True),
    )


class TinySegmentor(nn.Module):
    def __init__(self, num_classes=21, width=32):
        super().__init__()
        self.stem = conv_bn_relu(3, width, stride=2)
        self.enc1 = conv_bn_relu(width, width * 2, stride=2)
        self.enc2 = conv_bn_relu(width * 2, width * 4, stride=2)
        self.decoder = conv_bn_relu(width * 4, width * 2)
        self.classifier = nn.Conv2d(width * 2, num_classes, 1)

    def forward(self, images):
        h, w = images.shape[-2:]
        x = self.enc2(self.enc1(self.stem(images)))
        logits = self.classifier(self.decoder(x))
        return F.interpolate(logits, size=(h, w), mode="bilinear", align_corners=False)

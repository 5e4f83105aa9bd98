# source: https://github.com/pytorch/vision/pull/787
# error: RuntimeError: Expected all tensors to be on the same device, but found at least two devices, cuda:0 and cpu!
# pattern: tensor-created-without-device
# shape: multi-file, class
# looks-like: tensor-created-without-device
# needs: torch
# cpu: no written where torch was not installed; not run
import torch.nn as nn

DISEASES = ["healthy", "early_blight", "late_blight", "leaf_mold", "septoria", "mosaic_virus"]


def conv_bn(cin, cout, stride):
    return nn.Sequential(nn.Conv2d(cin, cout, 3, stride, 1, bias=False), nn.BatchNorm2d(cout), nn.ReLU(inplace=True))


class TomatoLeafNet(nn.Module):
    def __init__(self, num_classes=len(DISEASES)):
        super().__init__()
        self.features = nn.Sequential(
            conv_bn(3, 32, 2), conv_bn(32, 64, 2), conv_bn(64, 128, 2), conv_bn(128, 256, 2),
            nn.AdaptiveAvgPool2d(1), nn.Flatten(),
        )
        self.classifier = nn.Linear(256, num_classes)

    def forward(self, x):
        return self.classifier(self.features(x))

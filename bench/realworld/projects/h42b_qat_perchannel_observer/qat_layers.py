# source: https://github.com/pytorch/pytorch/issues/29648
# error: RuntimeError: Expected all tensors to be on the same device, but found at least two devices, cuda:0 and cpu!
# pattern: tensor-attribute-not-buffer
# shape: multi-file, class
# needs: torch
# cpu: no written where torch was not installed; not run
import torch.nn as nn
import torch.nn.functional as F

from observers import FakeQuantize, PerChannelMinMaxObserver


class QATConvBNReLU(nn.Module):
    def __init__(self, in_ch, out_ch, stride=1):
        super().__init__()
        self.conv = nn.Conv2d(in_ch, out_ch, 3, stride=stride, padding=1, bias=False)
        self.bn = nn.BatchNorm2d(out_ch)
        self.weight_fake_quant = FakeQuantize(PerChannelMinMaxObserver(out_ch, ch_axis=0), ch_axis=0)

    def forward(self, x):
        w_q = self.weight_fake_quant(self.conv.weight)
        return F.relu(self.bn(F.conv2d(x, w_q, None, self.conv.stride, self.conv.padding)))


class QATLinear(nn.Module):
    def __init__(self, in_features, out_features):
        super().__init__()
        self.fc = nn.Linear(in_features, out_features)
        self.weight_fake_quant = FakeQuantize(PerChannelMinMaxObserver(out_features, ch_axis=0), ch_axis=0)

    def forward(self, x):
        return F.linear(x, self.weight_fake_quant(self.fc.weight), self.fc.bias)


class QATTinyNet(nn.Module):
    def __init__(self, num_classes=10):
        super().__init__()
        self.features = nn.Sequential(
            QATConvBNReLU(3, 16, stride=2),
            QATConvBNReLU(16, 32, stride=2),
            QATConvBNReLU(32, 64, stride=2),
        )
        self.pool = nn.AdaptiveAvgPool2d(1)
        self.classifier = QATLinear(64, num_classes)

    def forward(self, x):
        return self.classifier(self.pool(self.features(x)).flatten(1))

    def freeze_observers(self):
        for m in self.modules():
            if hasattr(m, "observe"):
                m.observe = False

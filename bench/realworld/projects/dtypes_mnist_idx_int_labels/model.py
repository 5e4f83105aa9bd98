# source: https://github.com/ansh941/MnistSimpleCNN/pull/1
# error: RuntimeError: expected scalar type Long but found Int
# pattern: loss-target-dtype
# shape: multi-file
# cpu: clean
# needs: torch
import torch.nn as nn
import torch.nn.functional as F


class ModelM3(nn.Module):
    def __init__(self):
        super().__init__()
        self.conv1 = nn.Conv2d(1, 8, 3, bias=False)
        self.conv1_bn = nn.BatchNorm2d(8)
        self.conv2 = nn.Conv2d(8, 16, 3, bias=False)
        self.conv2_bn = nn.BatchNorm2d(16)
        self.fc1 = nn.Linear(16 * 24 * 24, 10, bias=False)
        self.fc1_bn = nn.BatchNorm1d(10)

    def get_logits(self, x):
        x = F.relu(self.conv1_bn(self.conv1(x)))
        x = F.relu(self.conv2_bn(self.conv2(x)))
        return self.fc1_bn(self.fc1(x.flatten(1)))

    def forward(self, x):
        return F.log_softmax(self.get_logits(x), dim=1)

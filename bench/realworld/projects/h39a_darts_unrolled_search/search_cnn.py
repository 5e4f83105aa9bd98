# source: https://github.com/kubeflow/katib/pull/2273
# error: RuntimeError: Expected all tensors to be on the same device, but found at least two devices, cuda:0 and cpu!
# pattern: legacy-tensor-constructor
# shape: multi-file, class
# needs: torch
# cpu: no written where torch was not installed; not run
import torch
import torch.nn as nn
import torch.nn.functional as F

PRIMITIVES = ["max_pool_3x3", "avg_pool_3x3", "skip_connect", "sep_conv_3x3", "dil_conv_3x3"]


def make_op(name, C):
    if name == "max_pool_3x3":
        return nn.MaxPool2d(3, stride=1, padding=1)
    if name == "avg_pool_3x3":
        return nn.AvgPool2d(3, stride=1, padding=1, count_include_pad=False)
    if name == "skip_connect":
        return nn.Identity()
    dilation = 2 if name.startswith("dil") else 1
    return nn.Sequential(
        nn.ReLU(),
        nn.Conv2d(C, C, 3, padding=dilation, dilation=dilation, groups=C, bias=False),
        nn.Conv2d(C, C, 1, bias=False),
        nn.BatchNorm2d(C, affine=False),
    )


class MixedOp(nn.Module):
    def __init__(self, C):
        super().__init__()
        self.ops = nn.ModuleList(make_op(p, C) for p in PRIMITIVES)

    def forward(self, x, weights):
        return sum(w * op(x) for w, op in zip(weights, self.ops))


class SearchCNN(nn.Module):
    def __init__(self, C_in=3, C=16, n_classes=10, n_layers=5):
        super().__init__()
        self.stem = nn.Sequential(nn.Conv2d(C_in, C, 3, padding=1, bias=False), nn.BatchNorm2d(C))
        self.cells = nn.ModuleList(MixedOp(C) for _ in range(n_layers))
        self.alpha = nn.Parameter(1e-3 * torch.randn(n_layers, len(PRIMITIVES)))
        self.classifier = nn.Linear(C, n_classes)
        self.criterion = nn.CrossEntropyLoss()

    def forward(self, x):
        s = self.stem(x)
        for cell, a in zip(self.cells, self.alpha):
            s = cell(s, F.softmax(a, dim=-1))
        return self.classifier(F.adaptive_avg_pool2d(s, 1).flatten(1))

    def loss(self, x, y):
        return self.criterion(self(x), y)

    def weights(self):
        return (p for n, p in self.named_parameters() if n != "alpha")

    def alphas(self):
        return [self.alpha]

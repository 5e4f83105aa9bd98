# source: https://github.com/Cysu/open-reid/issues/97
# error: AssertionError: Torch not compiled with CUDA enabled
# pattern: hard-coded-cuda
# shape: multi-file, class
# needs: torch, torchvision
# cpu: no written where torch was not installed; not run
import torch.nn as nn
import torch.nn.functional as F
import torchvision


class ResNetReID(nn.Module):
    def __init__(self, num_classes, num_features=256, dropout=0.5, pretrained=False):
        super().__init__()
        base = torchvision.models.resnet50(weights="IMAGENET1K_V1" if pretrained else None)
        self.base = nn.Sequential(*list(base.children())[:-2])
        self.feat = nn.Linear(base.fc.in_features, num_features)
        self.feat_bn = nn.BatchNorm1d(num_features)
        self.drop = nn.Dropout(dropout)
        self.classifier = nn.Linear(num_features, num_classes)
        nn.init.kaiming_normal_(self.feat.weight, mode="fan_out")
        nn.init.normal_(self.classifier.weight, std=0.001)

    def forward(self, x, output_feature=False):
        x = self.base(x)
        x = F.adaptive_avg_pool2d(x, 1).flatten(1)
        x = self.feat_bn(self.feat(x))
        if output_feature:
            return F.normalize(x)
        x = self.drop(F.relu(x))
        return self.classifier(x)

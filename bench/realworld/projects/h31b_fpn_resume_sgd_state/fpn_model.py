# source: https://github.com/jwyang/fpn.pytorch/issues/45
# error: RuntimeError: Expected object of type torch.FloatTensor but found type torch.cuda.FloatTensor for argument #4 'other'
# pattern: optimizer-state-before-placement
# shape: multi-file, class
# needs: torch, torchvision
# cpu: no written where torch was not installed; not run
"""Feature pyramid on a ResNet-50 trunk with a light RPN-style head per level."""
import torch.nn as nn
import torch.nn.functional as F
import torchvision


class FPN(nn.Module):
    def __init__(self, num_classes, num_anchors=3):
        super().__init__()
        resnet = torchvision.models.resnet50(weights=None)
        self.stem = nn.Sequential(resnet.conv1, resnet.bn1, resnet.relu, resnet.maxpool)
        self.stages = nn.ModuleList([resnet.layer1, resnet.layer2, resnet.layer3, resnet.layer4])
        self.lateral = nn.ModuleList([nn.Conv2d(c, 256, 1) for c in (256, 512, 1024, 2048)])
        self.smooth = nn.ModuleList([nn.Conv2d(256, 256, 3, padding=1) for _ in range(4)])
        self.cls_head = nn.Conv2d(256, num_anchors * num_classes, 3, padding=1)
        self.num_anchors = num_anchors

    def forward(self, images, labels=None):
        x = self.stem(images)
        feats = []
        for stage in self.stages:
            x = stage(x)
            feats.append(x)
        maps = [self.lateral[-1](feats[-1])]
        for i in range(len(feats) - 2, -1, -1):
            top = F.interpolate(maps[0], size=feats[i].shape[-2:], mode="nearest")
            maps.insert(0, self.lateral[i](feats[i]) + top)
        maps = [s(m) for s, m in zip(self.smooth, maps)]
        logits = [self.cls_head(m).mean(dim=(2, 3)).view(images.shape[0], self.num_anchors, -1).amax(1)
                  for m in maps]
        if labels is None:
            return logits
        return sum(F.binary_cross_entropy_with_logits(lg, labels) for lg in logits) / len(logits)

# source: https://github.com/JDAI-CV/fast-reid/issues/469
# error: RuntimeError: Expected all tensors to be on the same device, but found at least two devices, cuda:0 and cpu!
# pattern: tensor-attribute-not-buffer
# shape: class, multi-file
# bug-lines: 31, 32, 51
# needs: torch, torchvision
# cpu: no written where torch was not installed; not run
"""Bag-of-tricks re-id baseline: ResNet-50 (last stride 1) + BNNeck head."""
import torch
import torch.nn as nn
import torchvision


class BNNeckHead(nn.Module):
    def __init__(self, in_feat, num_classes):
        super().__init__()
        self.bnneck = nn.BatchNorm1d(in_feat)
        self.bnneck.bias.requires_grad_(False)
        self.classifier = nn.Linear(in_feat, num_classes, bias=False)

    def forward(self, feat):
        bn_feat = self.bnneck(feat)
        if not self.training:
            return bn_feat
        return self.classifier(bn_feat), feat


class Baseline(nn.Module):
    def __init__(self, num_classes, pixel_mean, pixel_std):
        super().__init__()
        self.pixel_mean = torch.tensor(pixel_mean).view(1, -1, 1, 1)
        self.pixel_std = torch.tensor(pixel_std).view(1, -1, 1, 1)
        resnet = torchvision.models.resnet50(weights=None)
        resnet.layer4[0].conv2.stride = (1, 1)
        resnet.layer4[0].downsample[0].stride = (1, 1)
        self.backbone = nn.Sequential(*list(resnet.children())[:-2])
        self.pool = nn.AdaptiveAvgPool2d(1)
        self.heads = BNNeckHead(2048, num_classes)

    @property
    def device(self):
        return next(self.parameters()).device

    def preprocess_image(self, batched_inputs):
        if isinstance(batched_inputs, dict):
            images = batched_inputs["images"]
        else:
            images = batched_inputs
        images = images.to(self.device)
        # normalize in place, the loader hands over raw 0-255 pixels
        images.sub_(self.pixel_mean).div_(self.pixel_std)
        return images

    def forward(self, batched_inputs):
        images = self.preprocess_image(batched_inputs)
        feat = self.pool(self.backbone(images)).flatten(1)
        return self.heads(feat)

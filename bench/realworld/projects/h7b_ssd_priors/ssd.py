# source: https://github.com/shaoshengsong/MobileNetV3-SSD/issues/5
# error: RuntimeError: expected backend CPU and dtype Float but got backend CUDA and dtype Float
# pattern: tensor-attribute-not-buffer
# shape: multi-file, class, helper, loader-loop
# bug-lines: 40, 51
# needs: torch
# cpu: no written where torch was not installed; not run
import torch
import torch.nn as nn
import torch.nn.functional as F

import config


def convert_locations_to_boxes(locations, priors, center_variance, size_variance):
    if priors.dim() + 1 == locations.dim():
        priors = priors.unsqueeze(0)
    return torch.cat([
        locations[..., :2] * center_variance * priors[..., 2:] + priors[..., :2],
        torch.exp(locations[..., 2:] * size_variance) * priors[..., 2:],
    ], dim=locations.dim() - 1)


def center_form_to_corner_form(locations):
    return torch.cat([locations[..., :2] - locations[..., 2:] / 2,
                      locations[..., :2] + locations[..., 2:] / 2], locations.dim() - 1)


class SSD(nn.Module):
    def __init__(self, num_classes, base_net, source_channels, is_test=False):
        super().__init__()
        self.num_classes = num_classes
        self.base_net = base_net
        self.is_test = is_test
        self.classification_headers = nn.ModuleList(
            [nn.Conv2d(c, 6 * num_classes, 3, padding=1) for c in source_channels])
        self.regression_headers = nn.ModuleList(
            [nn.Conv2d(c, 6 * 4, 3, padding=1) for c in source_channels])
        if is_test:
            self.priors = config.priors

    def forward(self, x):
        confidences, locations = [], []
        for feat, cls_head, reg_head in zip(self.base_net(x), self.classification_headers,
                                            self.regression_headers):
            n = feat.size(0)
            confidences.append(cls_head(feat).permute(0, 2, 3, 1).reshape(n, -1, self.num_classes))
            locations.append(reg_head(feat).permute(0, 2, 3, 1).reshape(n, -1, 4))
        confidences, locations = torch.cat(confidences, 1), torch.cat(locations, 1)
        if self.is_test:
            boxes = convert_locations_to_boxes(locations, self.priors,
                                               config.center_variance, config.size_variance)
            return F.softmax(confidences, dim=2), center_form_to_corner_form(boxes)
        return confidences, locations

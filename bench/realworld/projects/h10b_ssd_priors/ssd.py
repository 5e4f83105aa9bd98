# source: https://github.com/amdegroot/ssd.pytorch/issues/47 https://github.com/qfgaohao/pytorch-ssd/issues/8
# error: RuntimeError: Expected all tensors to be on the same device, but found at least two devices, cuda:0 and cpu!
# pattern: tensor-attribute-not-buffer
# shape: multi-file, class, helper
# bug-lines: 39, 57
# needs: torch
# cpu: no written where torch was not installed; not run
import torch
import torch.nn as nn
import torch.nn.functional as F

import box_utils

PRIOR_SPEC = dict(
    feature_map_sizes=[19, 10],
    shrinkages=[16, 32],
    box_sizes=[(60, 105), (105, 150)],
    aspect_ratios=[2, 3],
    image_size=300,
)


def conv_bn(in_ch, out_ch, stride):
    return nn.Sequential(nn.Conv2d(in_ch, out_ch, 3, stride, 1, bias=False),
                         nn.BatchNorm2d(out_ch), nn.ReLU(inplace=True))


class LiteSSD(nn.Module):
    def __init__(self, num_classes, center_variance=0.1, size_variance=0.2):
        super().__init__()
        self.num_classes = num_classes
        self.center_variance = center_variance
        self.size_variance = size_variance
        self.stage1 = nn.Sequential(conv_bn(3, 32, 2), conv_bn(32, 64, 2), conv_bn(64, 128, 2), conv_bn(128, 256, 2))
        self.stage2 = conv_bn(256, 512, 2)
        boxes_per_loc = 2 + 2 * len(PRIOR_SPEC["aspect_ratios"])
        self.loc_heads = nn.ModuleList([nn.Conv2d(c, boxes_per_loc * 4, 3, padding=1) for c in (256, 512)])
        self.cls_heads = nn.ModuleList([nn.Conv2d(c, boxes_per_loc * num_classes, 3, padding=1) for c in (256, 512)])
        self.priors = box_utils.generate_ssd_priors(**PRIOR_SPEC)

    def _flatten(self, head_out, last_dim):
        n = head_out.size(0)
        return head_out.permute(0, 2, 3, 1).contiguous().view(n, -1, last_dim)

    def forward(self, x):
        f1 = self.stage1(x)
        f2 = self.stage2(f1)
        locations, confidences = [], []
        for feat, loc_head, cls_head in zip((f1, f2), self.loc_heads, self.cls_heads):
            locations.append(self._flatten(loc_head(feat), 4))
            confidences.append(self._flatten(cls_head(feat), self.num_classes))
        locations = torch.cat(locations, 1)
        confidences = torch.cat(confidences, 1)
        if self.training:
            return confidences, locations
        scores = F.softmax(confidences, dim=2)
        boxes = box_utils.convert_locations_to_boxes(locations, self.priors, self.center_variance, self.size_variance)
        return scores, box_utils.center_form_to_corner_form(boxes)


def create_lite_ssd(num_classes, checkpoint=None):
    net = LiteSSD(num_classes)
    if checkpoint is not None:
        net.load_state_dict(torch.load(checkpoint, map_location="cpu"))
    return net

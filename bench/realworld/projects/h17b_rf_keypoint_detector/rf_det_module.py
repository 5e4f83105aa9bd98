# source: https://github.com/xuelunshen/rfnet/issues/23
# error: RuntimeError: Input type (torch.cuda.FloatTensor) and weight type (torch.FloatTensor) should be the same
# pattern: tensor-attribute-not-buffer
# shape: multi-file, class
# bug-lines: 34, 43
# needs: torch
# cpu: no written where torch was not installed; not run

import math

import torch
import torch.nn as nn
import torch.nn.functional as F


def gaussian_kernel(ksize, sigma):
    ax = torch.arange(ksize, dtype=torch.float32) - ksize // 2
    g = torch.exp(-(ax ** 2) / (2 * sigma ** 2))
    k2d = torch.outer(g, g)
    return (k2d / k2d.sum()).view(1, 1, ksize, ksize)


class RFDetModule(nn.Module):
    GAUSSIAN_KSIZE = 15
    GAUSSIAN_SIGMA = 0.5

    def __init__(self, score_com_strength=100.0, nms_thresh=0.0, nms_ksize=5, topk=512):
        super().__init__()
        self.conv1 = nn.Conv2d(1, 16, 3, padding=1)
        self.conv2 = nn.Conv2d(16, 16, 3, padding=1)
        self.score_head = nn.Conv2d(16, 1, 1)
        self.score_com_strength = score_com_strength
        self.nms_thresh, self.nms_ksize, self.topk = nms_thresh, nms_ksize, topk
        self.gauss = gaussian_kernel(self.GAUSSIAN_KSIZE, self.GAUSSIAN_SIGMA)

    def forward(self, photos):
        x = F.leaky_relu(self.conv1(photos))
        x = F.leaky_relu(self.conv2(x))
        score = self.score_head(x)
        return torch.sigmoid(score * self.score_com_strength / math.sqrt(score.shape[1]))

    def process(self, score_map):
        padded = F.conv2d(score_map, self.gauss, padding=self.GAUSSIAN_KSIZE // 2)
        pooled = F.max_pool2d(padded, self.nms_ksize, stride=1, padding=self.nms_ksize // 2)
        keep = (padded == pooled) & (padded > self.nms_thresh)
        return padded * keep.float()

    def topk_keypoints(self, score_map):
        b, _, h, w = score_map.shape
        values, idx = score_map.view(b, -1).topk(self.topk, dim=1)
        ys = torch.div(idx, w, rounding_mode="floor")
        xs = idx % w
        return torch.stack([xs, ys], dim=-1), values

# source: https://github.com/cosanlab/py-feat/pull/258
# error: RuntimeError: Input type (torch.FloatTensor) and weight type (torch.cuda.FloatTensor) should be the same or input should be a MKLDNN tensor and weight is a dense tensor
# pattern: discarded-tensor-move
# shape: multi-file, class
# needs: torch
# cpu: no written where torch was not installed; not run
"""Lightweight heatmap network for badminton player keypoints (17 COCO joints)."""
import torch
import torch.nn as nn


def conv_bn(c_in, c_out, stride=1):
    return nn.Sequential(
        nn.Conv2d(c_in, c_out, 3, stride=stride, padding=1, bias=False),
        nn.BatchNorm2d(c_out),
        nn.ReLU(inplace=True),
    )


class PlayerPoseNet(nn.Module):
    def __init__(self, n_joints=17, width=48):
        super().__init__()
        self.stem = nn.Sequential(conv_bn(3, width, 2), conv_bn(width, width, 2))
        self.body = nn.Sequential(*[conv_bn(width, width) for _ in range(6)])
        self.head = nn.Conv2d(width, n_joints, 1)

    def forward(self, frames):
        return self.head(self.body(self.stem(frames)))

    @staticmethod
    def decode(heatmaps):
        n, k, h, w = heatmaps.shape
        flat = heatmaps.view(n, k, -1)
        score, idx = flat.max(dim=2)
        xy = torch.stack([idx % w, idx // w], dim=2).float() * 4.0
        return xy, score

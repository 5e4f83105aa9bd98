# source: https://github.com/open-mmlab/mmdetection3d/issues/214
# error: RuntimeError: Expected tensor for argument #1 'input' to have the same device as tensor for argument #2 'weight'; but device 0 does not equal 2 (while checking arguments for cudnn_convolution)
# pattern: current-gpu-mismatch
# shape: multi-file, helper, class
# needs: torch
# cpu: no written where torch was not installed; not run
"""Set-abstraction backbone of a point-based single-stage 3D detector."""
import torch
import torch.nn as nn

from ops import ball_query, furthest_point_sample, index_points


class SAModule(nn.Module):
    def __init__(self, npoint, radius, nsample, in_channels, mlp_channels):
        super().__init__()
        self.npoint, self.radius, self.nsample = npoint, radius, nsample
        layers, c = [], in_channels + 3
        for out_c in mlp_channels:
            layers += [nn.Conv2d(c, out_c, 1, bias=False), nn.BatchNorm2d(out_c), nn.ReLU()]
            c = out_c
        self.mlp = nn.Sequential(*layers)

    def forward(self, xyz, features):
        fps_idx = furthest_point_sample(xyz, self.npoint)
        new_xyz = index_points(xyz, fps_idx)
        group_idx = ball_query(self.radius, self.nsample, xyz, new_xyz)
        grouped_xyz = index_points(xyz, group_idx) - new_xyz.unsqueeze(2)
        grouped = grouped_xyz
        if features is not None:
            grouped = torch.cat([grouped_xyz, index_points(features, group_idx)], -1)
        new_features = self.mlp(grouped.permute(0, 3, 1, 2)).max(-1)[0]
        return new_xyz, new_features.transpose(1, 2).contiguous()


class PointBackbone(nn.Module):
    def __init__(self, in_channels=1):
        super().__init__()
        self.sa1 = SAModule(4096, 0.2, 32, in_channels, [16, 16, 32])
        self.sa2 = SAModule(512, 0.8, 32, 32, [64, 64, 128])
        self.sa3 = SAModule(256, 1.6, 32, 128, [128, 128, 256])

    def forward(self, points):
        xyz, feats = points[..., :3].contiguous(), points[..., 3:].contiguous()
        for sa in (self.sa1, self.sa2, self.sa3):
            xyz, feats = sa(xyz, feats)
        return xyz, feats

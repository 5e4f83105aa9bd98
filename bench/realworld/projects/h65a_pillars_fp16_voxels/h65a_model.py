# source: https://github.com/open-mmlab/mmdetection3d/issues/786
# error: RuntimeError: expected scalar type Half but found Float
# pattern: input-dtype-mismatch
# shape: multi-file, class
# needs: torch
# cpu: no written where torch was not installed; not run
import torch
import torch.nn as nn


class PillarFeatureNet(nn.Module):
    def __init__(self, in_channels=4, out_channels=64):
        super().__init__()
        self.linear = nn.Linear(in_channels + 3, out_channels, bias=False)
        self.norm = nn.BatchNorm1d(out_channels)

    def forward(self, pillars, num_points):
        mean_xyz = pillars[..., :3].sum(1, keepdim=True) / num_points.clamp(min=1).view(-1, 1, 1)
        feats = torch.cat([pillars, pillars[..., :3] - mean_xyz], dim=-1)
        x = self.linear(feats)
        x = torch.relu(self.norm(x.permute(0, 2, 1)).permute(0, 2, 1))
        return x.max(dim=1).values


class PointPillarsScatter(nn.Module):
    def __init__(self, channels, nx, ny):
        super().__init__()
        self.channels, self.nx, self.ny = channels, nx, ny

    def forward(self, pillar_feats, coords, batch_size):
        canvas = pillar_feats.new_zeros(batch_size, self.channels, self.ny * self.nx)
        idx = coords[:, 1] * self.nx + coords[:, 2]
        canvas[coords[:, 0], :, idx] = pillar_feats
        return canvas.view(batch_size, self.channels, self.ny, self.nx)


class PointPillarsDet(nn.Module):
    def __init__(self, nx=432, ny=496, num_anchors=6, num_classes=3):
        super().__init__()
        self.vfe = PillarFeatureNet()
        self.scatter = PointPillarsScatter(64, nx, ny)
        self.backbone = nn.Sequential(nn.Conv2d(64, 128, 3, 2, 1, bias=False), nn.BatchNorm2d(128), nn.ReLU(),
                                      nn.Conv2d(128, 128, 3, 1, 1, bias=False), nn.BatchNorm2d(128), nn.ReLU())
        self.cls_head = nn.Conv2d(128, num_anchors * num_classes, 1)
        self.box_head = nn.Conv2d(128, num_anchors * 7, 1)

    def forward(self, batch):
        feats = self.vfe(batch['pillars'], batch['num_points'])
        bev = self.scatter(feats, batch['coords'], batch['batch_size'])
        x = self.backbone(bev)
        return self.cls_head(x), self.box_head(x)

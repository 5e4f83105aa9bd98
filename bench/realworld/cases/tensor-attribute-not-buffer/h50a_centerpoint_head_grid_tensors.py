# source: https://github.com/open-mmlab/mmdetection3d/pull/2308
# error: RuntimeError: Expected all tensors to be on the same device, but found at least two devices, cuda:0 and cpu!
# pattern: tensor-attribute-not-buffer
# shape: class, loader-loop, batch-dict
# bug-lines: 27, 28, 29, 30, 40, 42, 45
# needs: torch
# cpu: no written where torch was not installed; not run
"""CenterPoint-style BEV heatmap head for lidar 3D detection (nuScenes cars)."""
import torch
import torch.nn as nn
import torch.nn.functional as F


def gaussian_radius(w, h, min_overlap=0.1):
    return torch.clamp(torch.sqrt(w * h) * (1 - min_overlap), min=2.0)


class CenterHead(nn.Module):
    def __init__(self, in_channels=384, num_classes=1, point_cloud_range=(-51.2, -51.2, -5.0, 51.2, 51.2, 3.0),
                 voxel_size=(0.1, 0.1, 0.2), out_size_factor=8):
        super().__init__()
        self.shared = nn.Sequential(nn.Conv2d(in_channels, 64, 3, padding=1), nn.BatchNorm2d(64), nn.ReLU())
        self.heatmap = nn.Conv2d(64, num_classes, 3, padding=1)
        self.reg = nn.Conv2d(64, 8, 3, padding=1)  # dx, dy, z, log(w,l,h), sin, cos
        self.out_size_factor = out_size_factor
        # grid geometry kept as tensors for vectorised target assignment
        pc_range = torch.tensor(point_cloud_range)
        self.pc_range = pc_range
        self.voxel_size = torch.tensor(voxel_size)
        self.feature_map_size = ((pc_range[3:5] - pc_range[:2]) / self.voxel_size[:2] / out_size_factor).long()

    def forward(self, bev):
        x = self.shared(bev)
        return self.heatmap(x), self.reg(x)

    def get_targets(self, gt_boxes):
        """gt_boxes: (N, 7) lidar boxes x, y, z, w, l, h, yaw on the feature device."""
        W, H = self.feature_map_size.tolist()
        heatmap = gt_boxes.new_zeros(1, H, W)
        coor = (gt_boxes[:, :2] - self.pc_range[:2]) / self.voxel_size[:2] / self.out_size_factor
        center_int = coor.long()
        keep = ((center_int >= 0) & (center_int < self.feature_map_size)).all(1)
        ys, xs = torch.meshgrid(torch.arange(H, device=gt_boxes.device),
                                torch.arange(W, device=gt_boxes.device), indexing="ij")
        sizes = gt_boxes[:, 3:5] / self.voxel_size[:2] / self.out_size_factor
        for c, r in zip(center_int[keep], gaussian_radius(sizes[keep, 0], sizes[keep, 1])):
            g = torch.exp(-((xs - c[0]) ** 2 + (ys - c[1]) ** 2) / (2 * (r / 3) ** 2))
            heatmap[0] = torch.maximum(heatmap[0], g)
        return heatmap

    def loss(self, preds, gt_boxes_list):
        hm_pred, _ = preds
        targets = torch.stack([self.get_targets(b) for b in gt_boxes_list])
        return F.binary_cross_entropy_with_logits(hm_pred, targets)


if __name__ == "__main__":
    device = torch.device("cuda")
    head = CenterHead().to(device)
    optimizer = torch.optim.AdamW(head.parameters(), lr=1e-3)
    for step in range(100):
        batch = {"bev": torch.randn(2, 384, 128, 128, device=device),
                 "gt_boxes": [torch.rand(12, 7, device=device) * 40 - 20 for _ in range(2)]}
        loss = head.loss(head(batch["bev"]), batch["gt_boxes"])
        optimizer.zero_grad()
        loss.backward()
        optimizer.step()

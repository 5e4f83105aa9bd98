# source: https://github.com/open-mmlab/mmdetection/pull/10026
# error: RuntimeError: indices should be either on cpu or on the same device as the indexed tensor (cpu)
# pattern: tensor-attribute-not-buffer
# shape: class, loader-loop, batch-dict
# looks-like: tensor-attribute-not-buffer
# needs: torch
# cpu: no written where torch was not installed; not run
"""Point-based assigner for a multi-level BEV detection head (camera-lidar fused BEV)."""
import torch
import torch.nn as nn


class BEVPointHead(nn.Module):
    def __init__(self, in_channels=256, num_classes=10, strides=(4, 8, 16),
                 bev_range=(-54.0, -54.0, 54.0, 54.0), scale_bounds=(0.0, 4.0, 8.0, 1e4)):
        super().__init__()
        self.strides = list(strides)
        self.cls_convs = nn.ModuleList([nn.Conv2d(in_channels, num_classes, 3, padding=1) for _ in strides])
        self.reg_convs = nn.ModuleList([nn.Conv2d(in_channels, 4, 3, padding=1) for _ in strides])
        lo, hi = torch.tensor(scale_bounds[:-1]), torch.tensor(scale_bounds[1:])
        self.register_buffer("points_range", torch.stack([lo, hi], 1), persistent=False)
        self.register_buffer("bev_range", torch.tensor(bev_range), persistent=False)

    def forward(self, feats):
        return [c(f) for c, f in zip(self.cls_convs, feats)], [r(f) for r, f in zip(self.reg_convs, feats)]

    def grid_points(self, feats):
        pts, lvls = [], []
        for lvl, (f, s) in enumerate(zip(feats, self.strides)):
            h, w = f.shape[-2:]
            ys, xs = torch.meshgrid(torch.arange(h, device=f.device), torch.arange(w, device=f.device),
                                    indexing="ij")
            xy = torch.stack([xs, ys], -1).reshape(-1, 2).float() * s + s // 2
            pts.append(xy + self.bev_range[:2])
            lvls.append(torch.full((h * w,), lvl, dtype=torch.long, device=f.device))
        return torch.cat(pts), torch.cat(lvls)

    def assign(self, points, lvl_idx, gt_bboxes):
        """gt_bboxes: (M, 4) BEV boxes x1, y1, x2, y2 in metres."""
        wh = (gt_bboxes[:, 2:] - gt_bboxes[:, :2]).max(1)[0]
        gt_lvl = torch.log2(wh.clamp(min=1.0)).clamp(0, len(self.strides) - 1).long()
        ranges = self.points_range[lvl_idx]
        centers = (gt_bboxes[:, :2] + gt_bboxes[:, 2:]) / 2
        dist = torch.cdist(points, centers)
        same_lvl = lvl_idx[:, None] == gt_lvl[None]
        in_range = (dist >= ranges[:, :1]) & (dist < ranges[:, 1:])
        dist[~(same_lvl & in_range)] = float("inf")
        min_dist, assigned = dist.min(1)
        assigned[torch.isinf(min_dist)] = -1
        return assigned


if __name__ == "__main__":
    device = torch.device("cuda" if torch.cuda.is_available() else "cpu")
    head = BEVPointHead().to(device)
    for step in range(10):
        batch = {"feats": [torch.randn(1, 256, 256 // s, 256 // s, device=device) for s in (4, 8, 16)],
                 "gt_bboxes": torch.tensor([[-10.0, -3.0, -5.5, 1.0], [12.0, 20.0, 16.5, 22.0]], device=device)}
        points, lvl_idx = head.grid_points(batch["feats"])
        assigned = head.assign(points, lvl_idx, batch["gt_bboxes"])
        print(step, int((assigned >= 0).sum()))

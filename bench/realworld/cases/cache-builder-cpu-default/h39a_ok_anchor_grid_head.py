# source: https://github.com/open-mmlab/mmdetection/pull/1478
# error: RuntimeError: Expected all tensors to be on the same device, but found at least two devices, cuda:0 and cpu!
# pattern: cache-builder-cpu-default
# shape: class, helper
# looks-like: cache-builder-cpu-default
# needs: torch, torchvision
# cpu: no written where torch was not installed; not run
import torch
import torch.nn as nn
from torchvision.ops import batched_nms


class AnchorGenerator:
    def __init__(self, base_size, scales=(8,), ratios=(0.5, 1.0, 2.0)):
        scales, ratios = torch.tensor(scales, dtype=torch.float32), torch.tensor(ratios)
        h_ratios = torch.sqrt(ratios)
        ws = (base_size * scales[None, :] / h_ratios[:, None]).reshape(-1)
        hs = (base_size * scales[None, :] * h_ratios[:, None]).reshape(-1)
        self.base_anchors = torch.stack([-0.5 * ws, -0.5 * hs, 0.5 * ws, 0.5 * hs], dim=-1)
        self._cache = {}

    def grid_anchors(self, featmap_size, stride, device="cpu"):
        key = (featmap_size, stride, str(device))
        if key not in self._cache:
            feat_h, feat_w = featmap_size
            shift_x = torch.arange(0, feat_w, device=device) * stride
            shift_y = torch.arange(0, feat_h, device=device) * stride
            yy, xx = torch.meshgrid(shift_y, shift_x, indexing="ij")
            shifts = torch.stack([xx, yy, xx, yy], dim=-1).reshape(-1, 1, 4)
            self._cache[key] = (shifts + self.base_anchors.to(device)[None]).reshape(-1, 4)
        return self._cache[key]


def delta2bbox(anchors, deltas):
    wh = anchors[:, 2:] - anchors[:, :2]
    ctr = anchors[:, :2] + 0.5 * wh + deltas[:, :2] * wh
    wh = wh * deltas[:, 2:].clamp(max=4.0).exp()
    return torch.cat([ctr - 0.5 * wh, ctr + 0.5 * wh], dim=1)


class RetinaLikeHead(nn.Module):
    def __init__(self, in_channels=256, num_classes=80, strides=(8, 16, 32)):
        super().__init__()
        self.strides = strides
        self.num_classes = num_classes
        self.anchor_generators = [AnchorGenerator(4 * s) for s in strides]
        self.cls_conv = nn.Conv2d(in_channels, 3 * num_classes, 3, padding=1)
        self.reg_conv = nn.Conv2d(in_channels, 3 * 4, 3, padding=1)

    def forward(self, feats):
        return [self.cls_conv(f) for f in feats], [self.reg_conv(f) for f in feats]

    def get_bboxes(self, cls_scores, bbox_preds, score_thr=0.05):
        boxes, scores, labels = [], [], []
        for i, (cls, reg) in enumerate(zip(cls_scores, bbox_preds)):
            anchors = self.anchor_generators[i].grid_anchors(
                tuple(cls.shape[-2:]), self.strides[i], device=cls.device)
            prob = cls[0].permute(1, 2, 0).reshape(-1, self.num_classes).sigmoid()
            delta = reg[0].permute(1, 2, 0).reshape(-1, 4)
            best, label = prob.max(dim=1)
            keep = best > score_thr
            boxes.append(delta2bbox(anchors[keep], delta[keep]))
            scores.append(best[keep])
            labels.append(label[keep])
        boxes, scores, labels = torch.cat(boxes), torch.cat(scores), torch.cat(labels)
        keep = batched_nms(boxes, scores, labels, 0.5)
        return boxes[keep], scores[keep], labels[keep]


if __name__ == "__main__":
    device = torch.device("cuda" if torch.cuda.is_available() else "cpu")
    head = RetinaLikeHead().to(device).eval()
    feats = [torch.randn(1, 256, 640 // s, 640 // s, device=device) for s in head.strides]
    with torch.no_grad():
        dets = head.get_bboxes(*head(feats))
    print(dets[0].shape, dets[0].device)

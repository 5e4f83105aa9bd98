# source: https://github.com/rwightman/efficientdet-pytorch/issues/105
# error: RuntimeError: Expected all tensors to be on the same device, but found at least two devices, cuda:0 and cpu! (when checking argument for argument condition in method wrapper_CUDA_where_self)
# pattern: tensor-created-without-device
# shape: class, helper, loader-loop, batch-dict
# bug-lines: 28, 54
# needs: torch
# cpu: no written where torch was not installed; not run
"""Anchor labeling for a single-stage detector; images without boxes hit the empty-match path."""
import torch


def box_iou(boxes1, boxes2):
    area1 = (boxes1[:, 2] - boxes1[:, 0]) * (boxes1[:, 3] - boxes1[:, 1])
    area2 = (boxes2[:, 2] - boxes2[:, 0]) * (boxes2[:, 3] - boxes2[:, 1])
    lt = torch.max(boxes1[:, None, :2], boxes2[None, :, :2])
    rb = torch.min(boxes1[:, None, 2:], boxes2[None, :, 2:])
    inter = (rb - lt).clamp(min=0).prod(-1)
    return inter / (area1[:, None] + area2[None, :] - inter)


class ArgMaxMatcher:
    def __init__(self, matched_threshold=0.5, unmatched_threshold=0.4):
        self.matched_threshold = matched_threshold
        self.unmatched_threshold = unmatched_threshold

    def _all_unmatched(self, similarity_matrix):
        num_anchors = similarity_matrix.shape[1]
        return torch.full((num_anchors,), -1, dtype=torch.long)

    def _best_gt_per_anchor(self, similarity_matrix):
        matched_vals, matches = similarity_matrix.max(0)
        below = matched_vals < self.unmatched_threshold
        between = (matched_vals >= self.unmatched_threshold) & (matched_vals < self.matched_threshold)
        matches = torch.where(below, torch.full_like(matches, -1), matches)
        return torch.where(between, torch.full_like(matches, -2), matches)

    def match(self, similarity_matrix):
        if similarity_matrix.shape[0] == 0:
            return self._all_unmatched(similarity_matrix)
        return self._best_gt_per_anchor(similarity_matrix)


class AnchorLabeler:
    def __init__(self, anchors, num_classes, matcher):
        self.anchors = anchors
        self.num_classes = num_classes
        self.matcher = matcher

    def label(self, gt_boxes, gt_classes):
        matches = self.matcher.match(box_iou(gt_boxes, self.anchors))
        padded = torch.cat([gt_classes.new_full((1,), self.num_classes), gt_classes])
        matched_cls = padded[(matches + 1).clamp(min=0)]
        background = torch.full_like(matched_cls, self.num_classes)
        cls_targets = torch.where(matches >= 0, matched_cls, background)
        ignore = matches == -2
        return cls_targets, ignore


def build_targets(labeler, batch, device):
    targets = []
    for boxes, classes in zip(batch["boxes"], batch["classes"]):
        cls_t, ignore = labeler.label(boxes.to(device), classes.to(device))
        targets.append((cls_t, ignore))
    return targets


if __name__ == "__main__":
    device = torch.device("cuda")
    xy = torch.rand(2000, 2) * 448
    anchors = torch.cat([xy, xy + 64], dim=1).to(device)
    labeler = AnchorLabeler(anchors, num_classes=20, matcher=ArgMaxMatcher())
    batch = {
        "boxes": [torch.tensor([[10.0, 20.0, 120.0, 160.0]]), torch.zeros(0, 4)],
        "classes": [torch.tensor([3]), torch.zeros(0, dtype=torch.long)],
    }
    for cls_t, ignore in build_targets(labeler, batch, device):
        print(cls_t.device, int((cls_t < 20).sum()), int(ignore.sum()))

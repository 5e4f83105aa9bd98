# source: https://github.com/WongKinYiu/yolov7/pull/1322 https://github.com/WongKinYiu/yolor/issues/268
# error: RuntimeError: indices should be either on cpu or on the same device as the indexed tensor (cpu)
# pattern: tensor-created-without-device
# shape: class, helper
# bug-lines: 30, 65
# needs: torch, torchvision
# cpu: no written where torch was not installed; not run
import torch
from torchvision.ops import box_convert, box_iou


class LayerwiseOTAAssigner:
    def __init__(self, strides=(8, 16, 32), topk=10, cls_weight=3.0):
        self.strides = strides
        self.topk = topk
        self.cls_weight = cls_weight

    def gather_candidates(self, predictions, indices, image_idx):
        boxes, obj, cls, layer_ids, grid = [], [], [], [], []
        for i, pi in enumerate(predictions):
            b, a, gj, gi = indices[i]
            keep = b == image_idx
            b, a, gj, gi = b[keep], a[keep], gj[keep], gi[keep]
            fg_pred = pi[b, a, gj, gi]
            xy = (fg_pred[:, :2].sigmoid() * 2.0 - 0.5 + torch.stack([gi, gj], dim=1)) * self.strides[i]
            wh = (fg_pred[:, 2:4].sigmoid() * 2) ** 2 * self.strides[i]
            boxes.append(box_convert(torch.cat([xy, wh], dim=1), "cxcywh", "xyxy"))
            obj.append(fg_pred[:, 4:5])
            cls.append(fg_pred[:, 5:])
            layer_ids.append(torch.ones(size=(len(b),)) * i)
            grid.append(torch.stack([a, gj, gi], dim=1))
        return torch.cat(boxes), torch.cat(obj), torch.cat(cls), torch.cat(layer_ids), torch.cat(grid)

    def dynamic_k_matching(self, cost, ious):
        matching = torch.zeros_like(cost)
        n_candidate_k = min(self.topk, ious.shape[1])
        topk_ious, _ = torch.topk(ious, n_candidate_k, dim=1)
        dynamic_ks = torch.clamp(topk_ious.sum(1).int(), min=1)
        for g in range(cost.shape[0]):
            _, pos = torch.topk(cost[g], k=int(dynamic_ks[g]), largest=False)
            matching[g, pos] = 1.0
        multiple = matching.sum(0) > 1
        if multiple.any():
            best = cost[:, multiple].argmin(0)
            matching[:, multiple] = 0.0
            matching[best, multiple] = 1.0
        return matching

    @torch.no_grad()
    def assign(self, predictions, indices, gt_boxes, gt_classes, image_idx):
        boxes, obj, cls, layer_ids, grid = self.gather_candidates(predictions, indices, image_idx)
        ious = box_iou(gt_boxes, boxes)
        iou_cost = -torch.log(ious + 1e-8)
        scores = (cls.sigmoid() * obj.sigmoid()).sqrt()
        onehot = torch.nn.functional.one_hot(gt_classes.long(), scores.shape[1]).float()
        cls_cost = torch.nn.functional.binary_cross_entropy(
            scores.unsqueeze(0).expand(len(gt_boxes), -1, -1),
            onehot.unsqueeze(1).expand(-1, len(boxes), -1),
            reduction="none",
        ).sum(-1)
        matching = self.dynamic_k_matching(self.cls_weight * cls_cost + iou_cost, ious)
        fg_mask = matching.sum(0) > 0.0
        matched_gt = matching[:, fg_mask].argmax(0)
        return {
            "layer": layer_ids[fg_mask].long(),
            "grid": grid[fg_mask],
            "target_boxes": gt_boxes[matched_gt],
            "target_classes": gt_classes[matched_gt],
        }

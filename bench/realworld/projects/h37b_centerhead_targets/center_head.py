# source: https://github.com/open-mmlab/mmdetection3d/issues/387
# error: TypeError: can't convert cuda:0 device type tensor to numpy. Use Tensor.cpu() to copy the tensor to host memory first.
# pattern: numpy-of-device-tensor
# shape: multi-file, class, helper, batch-dict
# bug-lines: 53
# needs: torch, numpy
# cpu: no written where torch was not installed; not run
import numpy as np
import torch
from torch import nn
import torch.nn.functional as F


def draw_gaussian(heatmap, cx, cy, radius):
    ys = torch.arange(heatmap.shape[0], device=heatmap.device).view(-1, 1)
    xs = torch.arange(heatmap.shape[1], device=heatmap.device).view(1, -1)
    g = torch.exp(-((xs - cx) ** 2 + (ys - cy) ** 2) / (2 * (radius / 3) ** 2))
    torch.maximum(heatmap, g, out=heatmap)


class CenterHead(nn.Module):
    """Multi-task center heatmap head on a BEV feature map (one task per class group)."""

    def __init__(self, in_channels, task_classes=((0,), (1, 2), (3, 4)), grid=(128, 128),
                 voxel_size=0.8, pc_min=(-51.2, -51.2)):
        super().__init__()
        self.task_classes = task_classes
        self.grid = grid
        self.voxel_size = voxel_size
        self.pc_min = pc_min
        self.heads = nn.ModuleList([nn.Conv2d(in_channels, len(c), 3, padding=1) for c in task_classes])

    def forward(self, bev):
        return [torch.sigmoid(h(bev)) for h in self.heads]

    def _targets_single(self, gt_boxes, gt_labels):
        per_task = []
        for classes in self.task_classes:
            hm = gt_boxes.new_zeros((len(classes),) + self.grid)
            for box, label in zip(gt_boxes, gt_labels):
                if int(label) not in classes:
                    continue
                cx = (box[0] - self.pc_min[0]) / self.voxel_size
                cy = (box[1] - self.pc_min[1]) / self.voxel_size
                radius = max(2.0, float(box[3:5].max()) / self.voxel_size)
                draw_gaussian(hm[classes.index(int(label))], cx, cy, radius)
            per_task.append(hm)
        return per_task

    def get_targets(self, gt_boxes_list, gt_labels_list):
        heatmaps = [self._targets_single(b, l) for b, l in zip(gt_boxes_list, gt_labels_list)]
        # regroup: [sample][task] -> [task][sample]
        heatmaps = np.array(heatmaps).transpose(1, 0).tolist()
        return [torch.stack(task_maps) for task_maps in heatmaps]

    def loss(self, preds, batch):
        targets = self.get_targets(batch["gt_boxes"], batch["gt_labels"])
        return sum(F.binary_cross_entropy(p, t) for p, t in zip(preds, targets))

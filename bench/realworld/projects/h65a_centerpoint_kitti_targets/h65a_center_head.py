# source: https://github.com/tianweiy/CenterPoint-KITTI/issues/11
# error: TypeError: can't convert cuda:0 device type tensor to numpy. Use Tensor.cpu() to copy the tensor to host memory first.
# pattern: numpy-of-device-tensor
# shape: multi-file, batch-dict, class
# bug-lines: 50
# needs: torch, numpy
# cpu: no written where torch was not installed; not run
import numpy as np
import torch
import torch.nn as nn


def gaussian_radius(dx, dy, min_overlap=0.1):
    r = np.sqrt(dx * dx + dy * dy) * (1 - min_overlap) / 2
    return max(0, int(r))


def draw_gaussian(heatmap, center, radius):
    diameter = 2 * radius + 1
    sigma = diameter / 6
    ys, xs = np.ogrid[-radius:radius + 1, -radius:radius + 1]
    gaussian = np.exp(-(xs * xs + ys * ys) / (2 * sigma * sigma))
    x, y = center
    h, w = heatmap.shape
    left, right = min(x, radius), min(w - x, radius + 1)
    top, bottom = min(y, radius), min(h - y, radius + 1)
    if right <= 0 or bottom <= 0:
        return heatmap
    patch = heatmap[y - top:y + bottom, x - left:x + right]
    g = gaussian[radius - top:radius + bottom, radius - left:radius + right]
    np.maximum(patch, g, out=patch)
    return heatmap


class CenterHead(nn.Module):
    def __init__(self, in_channels, num_classes, voxel_size, pc_range, feature_stride):
        super().__init__()
        self.num_classes = num_classes
        self.voxel_size = voxel_size
        self.pc_range = pc_range
        self.feature_stride = feature_stride
        self.shared_conv = nn.Sequential(nn.Conv2d(in_channels, 64, 3, padding=1), nn.ReLU(inplace=True))
        self.hm_head = nn.Conv2d(64, num_classes, 1)
        self.reg_head = nn.Conv2d(64, 8, 1)

    def assign_targets(self, gt_boxes, feature_map_size):
        fh, fw = feature_map_size
        heatmaps = []
        for b in range(gt_boxes.shape[0]):
            boxes = gt_boxes[b].numpy()
            hm = np.zeros((self.num_classes, fh, fw), dtype=np.float32)
            for box in boxes:
                cls_id = int(box[7])
                if cls_id <= 0:
                    continue
                cx = (box[0] - self.pc_range[0]) / self.voxel_size[0] / self.feature_stride
                cy = (box[1] - self.pc_range[1]) / self.voxel_size[1] / self.feature_stride
                dx = box[3] / self.voxel_size[0] / self.feature_stride
                dy = box[4] / self.voxel_size[1] / self.feature_stride
                radius = max(2, gaussian_radius(dx, dy))
                if 0 <= int(cx) < fw and 0 <= int(cy) < fh:
                    draw_gaussian(hm[cls_id - 1], (int(cx), int(cy)), radius)
            heatmaps.append(torch.from_numpy(hm))
        return torch.stack(heatmaps, dim=0).to(gt_boxes.device)

    def forward(self, batch_dict):
        x = self.shared_conv(batch_dict['spatial_features_2d'])
        batch_dict['pred_hm'] = self.hm_head(x)
        batch_dict['pred_reg'] = self.reg_head(x)
        if self.training:
            batch_dict['target_hm'] = self.assign_targets(batch_dict['gt_boxes'], x.shape[-2:])
        return batch_dict


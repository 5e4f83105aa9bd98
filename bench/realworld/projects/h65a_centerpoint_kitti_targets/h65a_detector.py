# source: https://github.com/tianweiy/CenterPoint-KITTI/issues/11
# error: TypeError: can't convert cuda:0 device type tensor to numpy. Use Tensor.cpu() to copy the tensor to host memory first.
# pattern: numpy-of-device-tensor
# shape: multi-file, batch-dict, class
# needs: torch
# cpu: no written where torch was not installed; not run
import torch.nn as nn

from h65a_center_head import CenterHead


class BEVBackbone(nn.Module):
    def __init__(self, in_channels, out_channels=128):
        super().__init__()
        self.blocks = nn.Sequential(
            nn.Conv2d(in_channels, out_channels, 3, stride=2, padding=1, bias=False),
            nn.BatchNorm2d(out_channels), nn.ReLU(inplace=True),
            nn.Conv2d(out_channels, out_channels, 3, padding=1, bias=False),
            nn.BatchNorm2d(out_channels), nn.ReLU(inplace=True),
        )

    def forward(self, batch_dict):
        batch_dict['spatial_features_2d'] = self.blocks(batch_dict['bev_features'])
        return batch_dict


class CenterPointBEV(nn.Module):
    def __init__(self, in_channels, num_classes, voxel_size, pc_range):
        super().__init__()
        self.module_list = nn.ModuleList([
            BEVBackbone(in_channels),
            CenterHead(128, num_classes, voxel_size, pc_range, feature_stride=2),
        ])

    def forward(self, batch_dict):
        for cur_module in self.module_list:
            batch_dict = cur_module(batch_dict)
        return batch_dict

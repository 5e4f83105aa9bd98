# source: https://github.com/open-mmlab/mmdetection/issues/9725
# error: RuntimeError: Input type (torch.cuda.FloatTensor) and weight type (torch.FloatTensor) should be the same
# pattern: module-in-plain-container
# shape: multi-file, class, loader-loop
# needs: torch
# cpu: clean
"""Top-down pose estimator: small ResNet-like backbone + deconvolution heatmap head."""
import torch.nn as nn

from heads import DeconvHeatmapHead


def conv_bn(in_ch, out_ch, stride):
    return nn.Sequential(nn.Conv2d(in_ch, out_ch, 3, stride, 1, bias=False), nn.BatchNorm2d(out_ch), nn.ReLU(inplace=True))


class TopDownPoseNet(nn.Module):
    def __init__(self, num_joints=17):
        super().__init__()
        self.backbone = nn.Sequential(
            conv_bn(3, 64, 2), conv_bn(64, 128, 2), conv_bn(128, 256, 2),
            conv_bn(256, 512, 2), conv_bn(512, 512, 2),
        )
        self.keypoint_head = DeconvHeatmapHead(in_channels=512, out_channels=num_joints)
        self.keypoint_head.init_weights()

    def forward(self, img):
        return self.keypoint_head(self.backbone(img))

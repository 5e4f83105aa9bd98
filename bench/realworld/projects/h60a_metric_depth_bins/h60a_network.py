# source: https://github.com/YvanYin/Metric3D/issues/159
# error: RuntimeError: Expected all tensors to be on the same device, but found at least two devices, cuda:1 and cpu!
# pattern: tensor-attribute-not-buffer
# shape: multi-file, class
# needs: torch
# cpu: no written where torch was not installed; not run
"""Monocular metric depth network: small conv encoder + bin head."""
import torch.nn as nn

from h60a_depth_head import DepthBinHead


def conv_block(cin, cout, stride):
    return nn.Sequential(nn.Conv2d(cin, cout, 3, stride=stride, padding=1), nn.BatchNorm2d(cout), nn.ReLU(inplace=True))


class MetricDepthNet(nn.Module):
    def __init__(self, width=64, num_bins=256, max_depth=200.0):
        super().__init__()
        self.encoder = nn.Sequential(
            conv_block(3, width, 2),
            conv_block(width, width * 2, 2),
            conv_block(width * 2, width * 4, 2),
        )
        self.decoder = DepthBinHead(in_ch=width * 4, num_bins=num_bins, max_depth=max_depth)

    def inference(self, data):
        rgb = data["input"]
        feat = self.encoder(rgb)
        depth, prob = self.decoder(feat, rgb.shape[-2:])
        confidence = prob.max(dim=1, keepdim=True).values
        return depth, confidence, {"prob": prob}

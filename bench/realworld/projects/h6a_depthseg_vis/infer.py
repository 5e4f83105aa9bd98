# source: https://github.com/D-Robotics-AI-Lab/MODEST/pull/3
# error: TypeError: can't convert cuda:0 device type tensor to numpy. Use Tensor.cpu() to copy the tensor to host memory first.
# pattern: numpy-of-device-tensor
# shape: multi-file, helper, class
# needs: torch, pyyaml
# cpu: no written where torch was not installed; not run
import argparse

import torch.nn as nn
import yaml

from trainer import Trainer


class TinyDepthSeg(nn.Module):
    """Stand-in for the ISGNet backbone: returns per-stage depth and seg maps."""

    def __init__(self, num_classes=3):
        super().__init__()
        self.encoder = nn.Sequential(
            nn.Conv2d(3, 32, 3, padding=1), nn.ReLU(inplace=True),
            nn.Conv2d(32, 64, 3, padding=1), nn.ReLU(inplace=True),
        )
        self.depth_head = nn.Sequential(nn.Conv2d(64, 1, 1), nn.Sigmoid())
        self.seg_head = nn.Conv2d(64, num_classes, 1)

    def forward(self, x):
        feat = self.encoder(x)
        return [self.depth_head(feat)], [self.seg_head(feat)]


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--config", default="config/config.yaml")
    parser.add_argument("--image", required=True)
    args = parser.parse_args()
    with open(args.config) as f:
        config = yaml.safe_load(f)
    trainer = Trainer(TinyDepthSeg(config.get("num_classes", 3)), config)
    trainer.inference(args.image)


if __name__ == "__main__":
    main()

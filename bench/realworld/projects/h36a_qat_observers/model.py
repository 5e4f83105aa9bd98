# source: https://github.com/pytorch/pytorch/pull/44115
# error: RuntimeError: Expected all tensors to be on the same device, but found at least two devices, cuda:0 and cpu!
# pattern: module-added-after-placement
# shape: multi-file, class
# needs: torch
# cpu: no written where torch was not installed; not run
import torch.nn as nn


class KeywordSpotter(nn.Module):
    """Small CNN over 40x101 log-mel patches, 12 keyword classes."""

    def __init__(self, n_classes=12):
        super().__init__()
        self.features = nn.Sequential(
            nn.Conv2d(1, 32, 3, padding=1), nn.BatchNorm2d(32), nn.ReLU(),
            nn.MaxPool2d(2),
            nn.Conv2d(32, 64, 3, padding=1), nn.BatchNorm2d(64), nn.ReLU(),
            nn.AdaptiveAvgPool2d((4, 4)))
        self.classifier = nn.Sequential(nn.Flatten(), nn.Linear(64 * 16, 128), nn.ReLU(),
                                        nn.Linear(128, n_classes))

    def forward(self, x):
        return self.classifier(self.features(x))
